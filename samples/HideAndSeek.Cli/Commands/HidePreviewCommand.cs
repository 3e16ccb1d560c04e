using HideAndSeek.Cli.Workflow;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.Hiding;
using HideAndSeek.Visualization;
using Microsoft.ML;
using System.CommandLine;

namespace HideAndSeek.Cli.Commands;

/// <summary>hide-preview: a PNG grid of training images and their hidden versions.</summary>
internal static class HidePreviewCommand
{
    public static Command Create()
    {
        var dataset = CliOptions.Dataset();
        var output = new Option<string>("--output", "-o") { Description = "PNG file to write.", DefaultValueFactory = _ => "hide-preview.png" };
        var doHide = new Option<int[]>("--do-hide") { Description = "Patches per image as in the seed (several: one drawn per image).", AllowMultipleArgumentsPerToken = true };
        var hideSize = new Option<int[]>("--hide-size") { Description = "Patch sides in pixels instead.", AllowMultipleArgumentsPerToken = true };
        var probability = new Option<double>("--hide-probability") { Description = "Probability of hiding each patch.", DefaultValueFactory = _ => 0.5 };
        var count = new Option<int>("--count") { Description = "Images in the grid.", DefaultValueFactory = _ => 8 };
        var seed = CliOptions.Seed();
        var command = new Command("hide-preview", "Write a grid PNG of training images (top) and their hidden versions (bottom).")
        {
            dataset, output, doHide, hideSize, probability, count, seed,
        };
        command.SetAction(parse =>
        {
            var counts = parse.GetValue(doHide) ?? Array.Empty<int>();
            var sizes = parse.GetValue(hideSize) ?? Array.Empty<int>();
            if (counts.Length > 0 && sizes.Length > 0)
                throw new UserError("give either --do-hide (patch counts) or --hide-size (patch sides), not both");
            var ml = new MLContext(parse.GetValue(seed));
            var train = DatasetLoader.Load(ml, parse.GetValue(dataset)!, TinyImageNetSplit.Train);
            var sample = DatasetLoader.Sample(ml, train, parse.GetValue(count), parse.GetValue(seed));
            var pixels = DatasetLoader.Preprocessing(ml, 64).Fit(sample).Transform(sample);
            var hiding = ml.Transforms.HidePatches(new HidePatchesOptions
            {
                PatchSizes = sizes.Length > 0 ? sizes : new[] { 16 },
                PatchCounts = sizes.Length > 0 ? null : counts.Length > 0 ? counts : null,
                HideProbability = parse.GetValue(probability),
                Seed = parse.GetValue(seed),
            }).Fit(pixels);
            var path = HidingPreview.WriteGrid(pixels, hiding, parse.GetValue(output)!, parse.GetValue(count));
            Console.WriteLine($"written: {Path.GetFullPath(path)}");
            return 0;
        });
        return command;
    }
}
