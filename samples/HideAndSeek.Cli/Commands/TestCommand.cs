using HideAndSeek.Cli.Workflow;
using Microsoft.ML;
using System.CommandLine;

namespace HideAndSeek.Cli.Commands;

/// <summary>test: the seed's src/test.py — localisation at each threshold, MaxBoxAccV2, multi-crop and pictures.</summary>
internal static class TestCommand
{
    public static Command Create(Func<CancellationToken> cancellation)
    {
        var dataset = CliOptions.Dataset();
        var checkpoint = new Option<string>("--checkpoint") { Description = "model.zip, or the train dir that holds it.", Required = true };
        var thresholds = new Option<double[]>("--thresholds") { Description = "CAM thresholds to report.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => new[] { 0.2, 0.3, 0.4, 0.5 } };
        var multiCrop = new Option<bool>("--do-multi-crop") { Description = "Ten-crop test (corners, centre and mirror images at 0.75 size)." };
        var vis = new Option<bool>("--do-vis") { Description = "Write pictures (image, heatmap, overlay, boxes) and an index.html." };
        var visCount = new Option<int>("--vis-count") { Description = "Pictures to write.", DefaultValueFactory = _ => 16 };
        var output = new Option<string?>("--output") { Description = "Result file (TSV) for the report command." };
        var selection = new Option<int>("--selection-images") { Description = "Training images used to choose the threshold (0: choose on the reported split).", DefaultValueFactory = _ => 1000 };
        var wsol = new Option<bool>("--wsol-convention") { Description = "MaxBoxAcc with wsolevaluation's box conventions." };
        var boxMode = new Option<string?>("--box-mode")
        {
            Description = "Box around the thresholded heatmap: all-foreground (the seed), largest-component (the CAM paper) or all-contours.",
        };
        boxMode.AcceptOnlyFromAmong(BoxModeNames.ByName.Keys.ToArray());
        var classes = CliOptions.Classes();
        var skipBad = CliOptions.SkipBadImages();
        var seed = CliOptions.Seed();
        var command = new Command("test", "Evaluate a trained model on the validation split.")
        {
            dataset, checkpoint, thresholds, multiCrop, vis, visCount, output, selection, wsol, boxMode, classes, skipBad, seed,
        };
        command.SetAction(parse =>
        {
            var settings = new TestSettings
            {
                Dataset = parse.GetValue(dataset)!,
                Checkpoint = parse.GetValue(checkpoint)!,
                Thresholds = parse.GetValue(thresholds)!,
                MultiCrop = parse.GetValue(multiCrop),
                Visualize = parse.GetValue(vis),
                VisCount = parse.GetValue(visCount),
                Output = parse.GetValue(output),
                SelectionImages = parse.GetValue(selection),
                WsolConvention = parse.GetValue(wsol),
                BoxMode = parse.GetValue(boxMode) is { } mode ? BoxModeNames.ByName[mode] : null,
                Classes = parse.GetValue(classes) is { Length: > 0 } c ? c : null,
                SkipBadImages = parse.GetValue(skipBad),
                Seed = parse.GetValue(seed),
            };
            if (settings.Thresholds.Count == 0 || settings.Thresholds.Any(t => t is < 0 or > 1))
                throw new UserError("--thresholds must be values in [0, 1]");
            // A status line while images are scored; the first Ctrl+C stops at the next image.
            var display = RowProgressDisplay.ForConsole();
            IDataView Watch(IDataView view, string task) => new ProgressDataView(view, task, display, cancellation());
            var outcome = EvaluationRun.Run(settings, ConsoleReport.Info, Watch);
            ConsoleReport.Metrics(outcome.Metrics, $"{outcome.Info.GetValueOrDefault("method", "model")} hide={outcome.Info.GetValueOrDefault("hide", "?")}");
            if (outcome.ResultPath is not null)
                Console.WriteLine($"result file: {outcome.ResultPath}");
            if (settings.Visualize)
            {
                var folder = Pictures.Write(outcome, settings, Watch);
                Console.WriteLine(Pictures.Line(folder, outcome.Metrics));
            }
            return 0;
        });
        return command;
    }
}
