using HideAndSeek.Boxes;
using System.Diagnostics;
using static HideAndSeek.Benchmarks.ResultLog;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// Why Boxes/ has two heatmap-to-box algorithms: MaxBoxAccV2's work per image (the best IoU of the largest contour and
/// of every contour at 100 thresholds, as LocalizationEvaluator asks for it) done by <see cref="HeatmapBoxExtractor"/>
/// once per threshold against <see cref="ThresholdSweep"/> once for all thresholds, on the same CAM-like 64 x 64
/// heatmaps, for both conventions. The IoUs of the two are compared too (they must be equal).
/// </summary>
internal static class BoxesSuite
{
    public static void Run(BenchmarkSizes sizes)
    {
        Note($"suite boxes: per-threshold extraction vs one sweep for all thresholds, {sizes.BoxHeatmaps} heatmaps of 64x64, 100 thresholds, largest + all contours");
        var maps = CamLikeHeatmaps.Generate(sizes.BoxHeatmaps);
        var thresholds = LocalizationThresholds.WsolEvaluation();
        foreach (var convention in new[] { LocalizationConvention.WsolEvaluation, LocalizationConvention.Tight })
        {
            var (perThreshold, extracted) = Time(maps, m => PerThreshold(m, thresholds, convention));
            var sweep = new ThresholdSweep(CamLikeHeatmaps.Side, CamLikeHeatmaps.Side, convention);
            var (swept, sweptIoUs) = Time(maps, m => Sweep(sweep, m, thresholds));
            int differing = extracted.Zip(sweptIoUs).Count(p => !p.First.SequenceEqual(p.Second));
            double per10k = 10_000.0 / maps.Count;
            Result($"{convention}: seconds per 10,000 heatmaps, HeatmapBoxExtractor once per threshold vs one ThresholdSweep; {differing} heatmaps with differing IoUs (must be 0)",
                ("convention", convention), ("per_threshold_seconds_per_10000", perThreshold * per10k), ("sweep_seconds_per_10000", swept * per10k),
                ("speedup", perThreshold / swept), ("differing_heatmaps", differing));
        }
    }

    /// <summary>Runs <paramref name="score"/> on every map once (after one warm-up map); seconds and results.</summary>
    private static (double Seconds, List<double[]> IoUs) Time(List<(float[] Heatmap, BoundingBox Box)> maps, Func<(float[], BoundingBox), double[]> score)
    {
        score(maps[0]);
        var results = new List<double[]>(maps.Count);
        var watch = Stopwatch.StartNew();
        foreach (var map in maps)
            results.Add(score(map));
        return (watch.Elapsed.TotalSeconds, results);
    }

    /// <summary>[largest contour's IoU per threshold | best contour's IoU per threshold].</summary>
    private static double[] PerThreshold((float[] Heatmap, BoundingBox Box) map, double[] thresholds, LocalizationConvention convention)
    {
        int n = thresholds.Length;
        var ious = new double[2 * n];
        ReadOnlySpan<BoundingBox> truth = [map.Box];
        for (int i = 0; i < n; i++)
        {
            var largest = HeatmapBoxExtractor.ExtractBox(map.Heatmap, CamLikeHeatmaps.Side, CamLikeHeatmaps.Side, thresholds[i], BoxMode.LargestComponent, convention);
            ious[i] = BoundingBox.MaxIoU(largest, truth);
            double best = 0;
            foreach (var box in HeatmapBoxExtractor.ExtractBoxes(map.Heatmap, CamLikeHeatmaps.Side, CamLikeHeatmaps.Side, thresholds[i], BoxMode.AllContours, convention))
                best = Math.Max(best, BoundingBox.MaxIoU(box, truth));
            ious[n + i] = best;
        }
        return ious;
    }

    private static double[] Sweep(ThresholdSweep sweep, (float[] Heatmap, BoundingBox Box) map, double[] thresholds)
    {
        int n = thresholds.Length;
        var ious = new double[2 * n];
        sweep.Run(map.Heatmap, [map.Box], thresholds, Span<double>.Empty, ious.AsSpan(0, n), ious.AsSpan(n, n));
        return ious;
    }
}
