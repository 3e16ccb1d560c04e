using CsCheck;
using HideAndSeek.Boxes;
using HideAndSeek.Evaluation;
using System.Diagnostics;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.Boxes;

public class ThresholdSweepTests(ITestOutputHelper output)
{
    private static readonly BoxMode[] Modes = [BoxMode.AllForeground, BoxMode.LargestComponent, BoxMode.AllContours];

    [Fact]
    public void Wsolevaluation_sweep_equals_per_threshold_extraction_at_every_threshold() =>
        TestMaps.SmallCases().Sample(
            c => AssertSweepEqualsExtraction(c, LocalizationConvention.WsolEvaluation, LocalizationThresholds.WsolEvaluation()),
            iter: 400, threads: 1);

    [Fact]
    public void Tight_sweep_equals_per_threshold_extraction_at_every_threshold()
    {
        double[] thresholds = [.. LocalizationThresholds.Seed, .. LocalizationThresholds.WsolEvaluation(0.05), 0.999, 1.0, -0.1];
        TestMaps.SmallCases().Sample(
            c => AssertSweepEqualsExtraction(c, LocalizationConvention.Tight, thresholds),
            iter: 400, threads: 1);
    }

    [Fact]
    public void Sweep_handles_unsorted_and_repeated_thresholds_and_fine_intervals()
    {
        double[] thresholds = [0.5, 0.2, 0.5, 0.0, 0.93, 0.2, 0.999];
        TestMaps.SmallCases(10).Sample(c =>
        {
            AssertSweepEqualsExtraction(c, LocalizationConvention.WsolEvaluation, thresholds);
            AssertSweepEqualsExtraction(c, LocalizationConvention.Tight, thresholds);
        }, iter: 100, threads: 1);

        // 1,000 thresholds give at most 256 distinct cuts on the uint8 map.
        TestMaps.SmallCases(8).Sample(
            c => AssertSweepEqualsExtraction(c, LocalizationConvention.WsolEvaluation, LocalizationThresholds.WsolEvaluation(0.001)),
            iter: 20, threads: 1);
    }

    [Fact]
    public void Sweep_of_a_hand_made_map_gives_the_expected_IoUs()
    {
        var (map, h, w) = TestMaps.FromRows(
            "..........",
            ".999......",
            ".999...5..",
            ".999......",
            "..........");
        BoundingBox[] gt = [new(1, 1, 3, 3)];
        double[] thresholds = [0.2, 0.7];
        var sweep = new ThresholdSweep(h, w);
        var hull = new double[2];
        var largest = new double[2];
        var all = new double[2];
        sweep.Run(map, gt, thresholds, hull, largest, all);

        // t = 0.2: hull (1,1)-(7,3) = 21 pixels around the 9-pixel ground truth; t = 0.7: the block alone.
        Assert.Equal(new[] { 9.0 / 21.0, 1.0 }, hull);
        Assert.Equal(new[] { 1.0, 1.0 }, largest);
        Assert.Equal(new[] { 1.0, 1.0 }, all);

        // The same through the single-mode entry point, and with two ground-truth boxes (the best one counts).
        var single = new double[2];
        sweep.Run(map, [new BoundingBox(7, 2, 7, 2), new BoundingBox(1, 1, 7, 3)], thresholds, BoxMode.AllForeground, single);
        Assert.Equal(new[] { 1.0, 9.0 / 21.0 }, single);
    }

    [Fact]
    public void Empty_foreground_scores_zero_when_tight_and_the_zero_box_for_wsolevaluation()
    {
        var map = new float[16]; // constant: nothing is foreground
        BoundingBox[] gt = [new(0, 0, 1, 1)];
        double[] thresholds = [0.0, 0.5];
        foreach (var mode in Modes)
        {
            var tight = new double[2];
            new ThresholdSweep(4, 4).Run(map, gt, thresholds, mode, tight);
            Assert.Equal(new[] { 0.0, 0.0 }, tight);

            var wsol = new double[2];
            new ThresholdSweep(4, 4, LocalizationConvention.WsolEvaluation).Run(map, gt, thresholds, mode, wsol);
            Assert.Equal(new[] { 0.25, 0.25 }, wsol); // (0,0,0,0) covers one of the four ground-truth pixels
        }
    }

    [Fact]
    public void Sweep_rejects_mismatched_inputs()
    {
        var sweep = new ThresholdSweep(2, 2);
        Assert.Throws<ArgumentException>(() => sweep.Run(new float[3], [], [0.5], BoxMode.AllForeground, new double[1]));
        Assert.Throws<ArgumentException>(() => sweep.Run(new float[4], [], [0.5], BoxMode.AllForeground, new double[2]));
        Assert.Throws<ArgumentException>(() => sweep.Run(new float[4], [], [double.NaN], BoxMode.AllForeground, new double[1]));
    }

    [Fact]
    public void Reports_the_time_of_a_100_threshold_sweep_over_10000_CAM_like_64x64_heatmaps()
    {
        const int images = 10_000, side = 64;
        var thresholds = LocalizationThresholds.WsolEvaluation();
        var random = new Random(12345);
        var coarse = new float[8 * 8];
        var map = new float[side * side];
        var ious = new double[3][];
        for (int i = 0; i < 3; i++)
        {
            ious[i] = new double[thresholds.Length];
        }

        foreach (var convention in new[] { LocalizationConvention.Tight, LocalizationConvention.WsolEvaluation })
        {
            var sweep = new ThresholdSweep(side, side, convention);
            var v2 = new BoxAccuracyAccumulator(thresholds);
            var perMode = new Dictionary<string, TimeSpan> { ["AllContours"] = default, ["LargestComponent"] = default, ["all three modes"] = default };
            var watch = new Stopwatch();
            for (int n = 0; n < images; n++)
            {
                TestMaps.CamLike(random, coarse, map, side);
                int x0 = random.Next(side - 8), y0 = random.Next(side - 8);
                BoundingBox[] gt = [new(x0, y0, random.Next(x0 + 7, side), random.Next(y0 + 7, side))];

                watch.Restart();
                sweep.Run(map, gt, thresholds, BoxMode.AllContours, ious[2]);
                perMode["AllContours"] += watch.Elapsed;

                watch.Restart();
                sweep.Run(map, gt, thresholds, BoxMode.LargestComponent, ious[1]);
                perMode["LargestComponent"] += watch.Elapsed;

                watch.Restart();
                sweep.Run(map, gt, thresholds, ious[0], ious[1], ious[2]);
                perMode["all three modes"] += watch.Elapsed;

                v2.Add(ious[2]);
            }

            foreach (var (name, time) in perMode)
            {
                output.WriteLine($"{convention}, {name}: {images} maps of {side}x{side}, {thresholds.Length} thresholds: {time.TotalSeconds:F2} s");
            }

            output.WriteLine($"{convention}: MaxBoxAcc over d = 30/50/70 on random maps (sanity only) = {v2.MeanMaxBoxAcc():F3}");
        }
    }

    private static void AssertSweepEqualsExtraction(HeatmapCase c, LocalizationConvention convention, double[] thresholds)
    {
        var sweep = new ThresholdSweep(c.Height, c.Width, convention);
        var combined = Modes.Select(_ => new double[thresholds.Length]).ToArray();
        sweep.Run(c.Values, c.GroundTruth, thresholds, combined[0], combined[1], combined[2]);
        for (int m = 0; m < Modes.Length; m++)
        {
            var single = new double[thresholds.Length];
            sweep.Run(c.Values, c.GroundTruth, thresholds, Modes[m], single);
            for (int i = 0; i < thresholds.Length; i++)
            {
                var boxes = HeatmapBoxExtractor.ExtractBoxes(c.Values, c.Height, c.Width, thresholds[i], Modes[m], convention);
                double expected = boxes.Length == 0 ? 0.0 : boxes.Max(b => BoundingBox.MaxIoU(b, c.GroundTruth));
                if (expected != single[i] || expected != combined[m][i])
                {
                    Assert.Fail($"{convention} {Modes[m]} t={thresholds[i]}: extraction {expected}, sweep {single[i]} / {combined[m][i]}; boxes [{string.Join(", ", boxes)}]");
                }
            }
        }
    }
}
