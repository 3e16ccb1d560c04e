using HideAndSeek.Cli.Workflow;
using HideAndSeek.Data.Synthetic;
using HideAndSeek.Networks;
using Microsoft.ML;
using Spectre.Console;
using System.CommandLine;

namespace HideAndSeek.Cli.Commands;

/// <summary>
/// demo (also what runs with no command): the whole workflow in a few minutes — a synthetic dataset when no dataset is
/// given, a plain CAM model and a Hide-and-Seek model trained the same way, both evaluated and pictured, one table.
/// </summary>
internal static class DemoCommand
{
    private static readonly Option<string?> Dataset = new("--dataset") { Description = CliOptions.DatasetDescription + " Omitted: generate a synthetic one." };
    private static readonly Option<string> Output = new("--output", "-o") { Description = "Folder for data, models, results and pictures.", DefaultValueFactory = _ => "runs/demo" };
    private static readonly Option<string> Method = new("--method")
    {
        Description = "Network: SmallAlexnetGAP (the seed's, trained from scratch at 64 px) or ResNet18 (ImageNet features, frozen, at 224 px: for photos).",
        DefaultValueFactory = _ => "SmallAlexnetGAP",
    };
    private static readonly Option<int?> Epochs = new("--epochs") { Description = $"Training epochs per model (default 8; {TrainSettings.DefaultResNetEpochs} for ResNet18)." };
    private static readonly Option<double> Width = new("--width-multiplier") { Description = "Network width (1 = the seed's SmallAlexnetGAP).", DefaultValueFactory = _ => 0.5 };
    private static readonly Option<int?> HideSize = new("--hide-size") { Description = "Hide-and-Seek patch side in pixels for the second model (default 8; 56 for ResNet18 at 224 px)." };
    private static readonly Option<int> Seed = CliOptions.Seed();
    private static readonly Option<int?> ImageSize = new("--image-size") { Description = "Side photos are resized to before the network (default 64; 224 for ResNet18)." };
    private static readonly Option<string> Resize = CliOptions.Resize();
    private static readonly Option<string> Precision = CliOptions.Precision();
    private static readonly Option<bool> Quick = new("--quick") { Description = "A tiny run (3 classes, 1 epoch, a narrow network) that only checks the workflow." };

    public static Command Create(Func<CancellationToken> cancellation)
    {
        var command = new Command("demo", "Train and compare CAM and Hide-and-Seek end to end (synthetic data by default).")
        {
            Dataset, Output, Method, Epochs, Width, HideSize, Seed, Quick, ImageSize, Resize, Precision,
        };
        command.SetAction(parse => Run(parse, cancellation()));
        return command;
    }

    /// <summary>Makes the demo the root command's own action, with the same options.</summary>
    public static void AttachTo(RootCommand root, Func<CancellationToken> cancellation)
    {
        foreach (var option in new Option[] { Dataset, Output, Method, Epochs, Width, HideSize, Seed, Quick, ImageSize, Resize, Precision })
            root.Options.Add(option);
        root.SetAction(parse => Run(parse, cancellation()));
    }

    private static int Run(ParseResult parse, CancellationToken cancellation)
    {
        string output = Path.GetFullPath(parse.GetValue(Output)!);
        string? dataset = parse.GetValue(Dataset);
        int seed = parse.GetValue(Seed);
        bool quick = parse.GetValue(Quick);
        Architecture(parse); // a wrong --method fails before any data is generated
        dataset ??= GenerateDataset(Path.Combine(output, "data"), seed, quick);
        var runs = new List<(string Name, string Dir, TrainSettings Settings)>
        {
            ("CAM", Path.Combine(output, "cam"), Settings(parse, dataset, Path.Combine(output, "cam"), hide: 0)),
            ("HaS", Path.Combine(output, "has"), Settings(parse, dataset, Path.Combine(output, "has"), hide: parse.GetValue(HideSize) ?? (IsResNet(parse) ? 56 : 8))),
        };
        var results = new List<ResultFile>();
        var metrics = new List<HideAndSeek.Evaluation.LocalizationMetrics>();
        var display = RowProgressDisplay.ForConsole();
        IDataView Watch(IDataView view, string task) => new ProgressDataView(view, task, display, cancellation);
        int step = 2;
        foreach (var (name, dir, settings) in runs)
        {
            string network = settings.Architecture == GapArchitecture.ResNet18
                ? "ResNet18, frozen ImageNet features"
                : $"{SeedMethods.SeedName(settings.Architecture)} x{settings.WidthMultiplier}";
            ConsoleReport.Console().MarkupLine($"[bold]{step++}. Training {name}[/] ({Markup.Escape(network)}, {settings.MaxEpochs} epochs, hiding {Markup.Escape(settings.HideDescription)})");
            TrainingRun.Run(settings, ConsoleReport.Epoch, ConsoleReport.Info, cancellation);
            var test = new TestSettings
            {
                Dataset = dataset,
                Checkpoint = dir,
                Output = Path.Combine(dir, "result.tsv"),
                Visualize = true,
                VisCount = 12,
                SelectionImages = quick ? 24 : 300,
                Seed = seed,
            };
            var outcome = EvaluationRun.Run(test, ConsoleReport.Info, Watch);
            metrics.Add(outcome.Metrics);
            ConsoleReport.Metrics(outcome.Metrics, name);
            var pictures = Pictures.Write(outcome, test, Watch);
            Console.WriteLine(Pictures.Line(pictures, outcome.Metrics));
            var result = ResultFile.Read(test.Output!);
            result.Info["run"] = name;
            results.Add(result);
        }
        var report = ReportCommand.Markdown(results);
        File.WriteAllText(Path.Combine(output, "report.md"), report);
        ConsoleReport.Console().MarkupLine("[bold]Comparison[/]");
        Console.WriteLine(report);
        Console.WriteLine(DemoReading.Of(metrics[0], metrics[1]));
        Console.WriteLine($"Results: {output} (report.md, cam/ and has/: model.zip, history.tsv, result.tsv, vis/index.html)");
        return 0;
    }

    /// <summary>The demo's synthetic dataset, written to <paramref name="folder"/>; returns the folder.</summary>
    private static string GenerateDataset(string folder, int seed, bool quick)
    {
        ConsoleReport.Console().MarkupLine("[bold]1. Generating a synthetic dataset[/] (objects: a small coloured head and a large striped body, both naming the class; masks for PxAP)");
        // Bodies that always wear their class's stripes: the whole object is evidence, so a CAM can cover it. (With
        // bodies that name the class only half of the time a network reads the head alone: docs/results.md.)
        var summary = SyntheticWsolGenerator.Generate(folder, new SyntheticWsolOptions
        {
            Classes = quick ? 3 : 6,
            TrainImagesPerClass = quick ? 16 : DemoTrainImagesPerClass,
            ValidationImagesPerClass = quick ? 6 : 50,
            Seed = seed,
            BodyInformativeness = 1.0,
            WriteMasks = true,
        });
        Console.WriteLine(SyntheticWsolGenerator.Describe(summary));
        return folder;
    }

    /// <summary>Training images per class of the generated demo dataset (six classes).</summary>
    internal const int DemoTrainImagesPerClass = 400;

    private static bool IsResNet(ParseResult parse) => Architecture(parse) == GapArchitecture.ResNet18;

    private static GapArchitecture Architecture(ParseResult parse)
    {
        var architecture = SeedMethods.Parse(parse.GetValue(Method)!);
        if (architecture is not (GapArchitecture.SmallAlexNetGap or GapArchitecture.ResNet18))
            throw new UserError($"demo --method takes SmallAlexnetGAP or ResNet18, got '{parse.GetValue(Method)}' (the train command takes every network)");
        return architecture;
    }

    private static TrainSettings Settings(ParseResult parse, string dataset, string dir, int hide)
    {
        bool quick = parse.GetValue(Quick);
        var architecture = Architecture(parse);
        // ResNet18 as the train command runs it by default: a linear classifier on frozen ImageNet features at 224 px.
        bool resnet = architecture == GapArchitecture.ResNet18;
        return new TrainSettings
        {
            Dataset = dataset,
            TrainDir = dir,
            Architecture = architecture,
            MaxEpochs = quick ? 1 : parse.GetValue(Epochs) ?? (resnet ? TrainSettings.DefaultResNetEpochs : 8),
            BatchSize = quick ? 16 : resnet ? TrainSettings.DefaultResNetBatchSize : 64,
            LearningRate = resnet ? 0.01 : 0.02,
            MinLearningRate = resnet ? 0.0001 : 0.0002,
            FreezeBackbone = resnet,
            HideSizes = hide > 0 ? new[] { hide } : Array.Empty<int>(),
            WidthMultiplier = resnet ? 1.0 : quick ? 0.125 : parse.GetValue(Width),
            ValidationCapacity = quick ? 12 : 240,
            Seed = parse.GetValue(Seed),
            ImageSize = parse.GetValue(ImageSize),
            Resize = CliOptions.ParseResize(parse.GetValue(Resize)),
            Precision = CliOptions.ParsePrecision(parse.GetValue(Precision)),
        };
    }
}
