using HideAndSeek.Data.Synthetic;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;
using HideAndSeek.Torch;
using Microsoft.ML;
using System.Diagnostics;
using static HideAndSeek.Benchmarks.ResultLog;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// The seed's workload size: one epoch of SmallAlexNetGap with Hide-and-Seek over a generated dataset as large as the
/// full Tiny ImageNet (200 classes x 500 images), with the process's resident memory sampled every 1,000 images.
/// Prints the start-up costs (annotations, file checks, the fitted mean), rss_mib_per_10k_images (the slope after the
/// first 10,000 images), the growth over the epoch after the first 10,000 images, and the peak RSS (VmHWM).
/// </summary>
internal static class FullDatasetSuite
{
    private const double PeakTargetGiB = 2.5;
    private const double GrowthTarget = 0.05;
    private const int SampleEvery = 1000;

    public static void Run(BenchmarkSizes sizes, string? cacheRoot)
    {
        int classes = sizes.FullDatasetClasses, perClass = sizes.FullDatasetImagesPerClass;
        Note($"suite full: one epoch over {classes * perClass:N0} generated images ({classes} classes x {perClass}), SmallAlexNetGap width {sizes.FullDatasetWidth}, batch 128, HidePatches(16)");
        string root = Path.Combine(cacheRoot ?? Path.Combine(Path.GetTempPath(), "hideandseek-benchmarks"), $"synthetic-{classes}x{perClass}");
        if (!File.Exists(Path.Combine(root, "wnids.txt")))
        {
            var generate = Stopwatch.StartNew();
            SyntheticWsolGenerator.Generate(root, new SyntheticWsolOptions
            {
                Classes = classes,
                TrainImagesPerClass = perClass,
                ValidationImagesPerClass = 1,
                Seed = 5,
            });
            Note($"generated {root} in {generate.Elapsed.TotalSeconds:F0} s (kept for the next run)");
        }

        var ml = new MLContext(seed: 1);
        var clock = Stopwatch.StartNew();
        var train = ml.Data.LoadTinyImageNet(root, TinyImageNetSplit.Train);
        double annotations = clock.Elapsed.TotalSeconds;
        var preprocessing = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.LoadImages("Image", imageFolder: null, "ImagePath"))
            .Append(ml.Transforms.ResizeImages("Image", 64, 64))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image"))
            .Append(ml.Transforms.DropColumns("Image"));
        clock.Restart();
        var prepared = preprocessing.Fit(train).Transform(train);
        double keys = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var hiding = ml.Transforms.HidePatches(16).Fit(prepared);
        double mean = clock.Elapsed.TotalSeconds;
        long rssAfterStartup = ProcessMemory.ResidentBytes();
        Result($"start-up on {train.GetRowCount():N0} images: reading the annotations and checking every file exists; fitting MapValueToKey; " +
               $"the fitted mean pixel of HidePatches over a random sample of {Hiding.HidePatchesOptions.DefaultMaxRowsForMean:N0} images",
            ("startup_annotations_seconds", annotations), ("startup_label_keys_seconds", keys), ("startup_fitted_mean_seconds", mean),
            ("startup_fitted_mean_images", Math.Min(Hiding.HidePatchesOptions.DefaultMaxRowsForMean, train.GetRowCount() ?? 0)),
            ("startup_rss_mib", ProcessMemory.Mebibytes(rssAfterStartup)));

        var samples = new List<(long Images, long Rss)>();
        long nextSample = SampleEvery;
        var options = new GapClassifierOptions
        {
            MaxEpochs = 1,
            BatchSize = 128,
            WidthMultiplier = sizes.FullDatasetWidth,
            Device = TorchDevice.Cpu,
            StepCompleted = p =>
            {
                if (p.Images >= nextSample)
                {
                    samples.Add((p.Images, ProcessMemory.ResidentBytes()));
                    nextSample += SampleEvery;
                }
            },
        };
        clock.Restart();
        ml.MulticlassClassification.Trainers.GapClassifier(options).Fit(hiding.Transform(prepared));
        double seconds = clock.Elapsed.TotalSeconds;
        long peak = ProcessMemory.PeakResidentBytes();
        long total = train.GetRowCount() ?? 0;

        foreach (var (images, rss) in samples.Where((_, i) => i % 10 == 9 || i == 0))
            Note($"after {images,7:N0} images: RSS {ProcessMemory.Mebibytes(rss):F0} MiB");
        int start = samples.FindIndex(s => s.Images >= Math.Min(10_000, total / 10));
        var later = start < 0 ? samples : samples.Skip(start).ToList();
        double slope = Slope(later) * 10_000 / (1024.0 * 1024.0);
        double growth = later.Count < 2 ? double.NaN : (double)(later[^1].Rss - later[0].Rss) / later[0].Rss;
        double peakGiB = peak / (1024.0 * 1024.0 * 1024.0);
        Result($"one epoch over {total:N0} images in {seconds:F0} s ({total / seconds:F1} images/s); RSS sampled every {SampleEvery:N0} images; " +
               $"slope and growth after the first {(later.Count > 0 ? later[0].Images : 0):N0} images; peak = VmHWM of the whole process",
            ("full_epoch_images_per_second", total / seconds), ("rss_mib_per_10k_images", slope),
            ("rss_growth_after_10k", growth), ("peak_rss_mib", ProcessMemory.Mebibytes(peak)));
        Console.WriteLine($"peak_rss_gib={Fixed(peakGiB, 2)} rss_growth_after_10k={Fixed(growth, 3)} -- targets: peak < {PeakTargetGiB} GiB " +
                          $"({(peakGiB < PeakTargetGiB ? "met" : "NOT met")}), growth < {GrowthTarget:P0} ({(growth < GrowthTarget ? "met" : "NOT met")}).");
    }

    /// <summary>Least-squares slope of RSS (bytes) against images.</summary>
    private static double Slope(IReadOnlyList<(long Images, long Rss)> points)
    {
        if (points.Count < 2)
            return double.NaN;
        double mx = points.Average(p => (double)p.Images), my = points.Average(p => (double)p.Rss);
        double sxy = points.Sum(p => (p.Images - mx) * (p.Rss - my)), sxx = points.Sum(p => (p.Images - mx) * (p.Images - mx));
        return sxx == 0 ? double.NaN : sxy / sxx;
    }
}
