using HideAndSeek.Cli.Workflow;
using System.CommandLine;

namespace HideAndSeek.Cli.Commands;

/// <summary>predict: class, probability and box in each photo's own pixels for new photos, as CSV (and overlays).</summary>
internal static class PredictCommand
{
    public static Command Create(Func<CancellationToken> cancellation)
    {
        var model = new Option<string>("--model") { Description = "model.zip, or the train dir that holds it.", Required = true };
        var images = new Argument<string[]>("images") { Description = "Image files or folders (searched recursively for .jpg, .jpeg, .png, .bmp, .gif, .webp).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output") { Description = "The CSV to write: " + PredictionRun.Header + " (box and size in the photo's pixels).", Required = true };
        var overlays = new Option<string?>("--overlays") { Description = "Folder for one PNG per photo at its own size, with the heatmap and the box." };
        var skipBad = CliOptions.SkipBadImages();
        var command = new Command("predict", "Localise the objects in new photos with a trained model.") { images, model, output, overlays, skipBad };
        command.SetAction(parse =>
        {
            var settings = new PredictionRun.Settings(parse.GetValue(model)!, parse.GetValue(images)!, parse.GetValue(output)!,
                parse.GetValue(overlays), parse.GetValue(skipBad));
            var outcome = PredictionRun.Run(settings, ConsoleReport.Info, RowProgressDisplay.ForConsole(), cancellation());
            Console.WriteLine($"predictions: {Path.GetFullPath(settings.Output)} ({outcome.Written} images" +
                (outcome.Skipped > 0 ? $", {outcome.Skipped} skipped" : "") + ")");
            if (settings.Overlays is not null)
                Console.WriteLine($"overlays: {Path.GetFullPath(settings.Overlays)}");
            return 0;
        });
        return command;
    }
}
