
using HideAndSeek.Boxes;
using HideAndSeek.Evaluation;

namespace HideAndSeek.Tests.Evaluation;

public class AccumulatorTests
{
    [Fact]
    public void BoxAcc_MaxBoxAcc_and_the_best_threshold_follow_wsolevaluation()
    {
        double[] camThresholds = [0.1, 0.2, 0.3];
        var acc = new BoxAccuracyAccumulator(camThresholds);
        acc.Add([0.29, 0.5, 0.69]);
        acc.Add([0.3, 0.49, 0.7]);
        acc.Add([0.8, 0.1, 0.0]);
        acc.Add([0.0, 0.0, 0.0]);

        Assert.Equal(4, acc.Count);
        // d = 30: iou >= 0.3 -> t0: {0.3, 0.8} = 2, t1: {0.5, 0.49} = 2, t2: {0.69, 0.7} = 2; the first wins the tie.
        Assert.Equal(0.5, acc.BoxAcc(0, 30));
        Assert.Equal(0.5, acc.MaxBoxAcc(30));
        Assert.Equal(0, acc.BestThresholdIndex(30));
        // d = 50: t0: {0.8} = 1, t1: {0.5} = 1, t2: {0.69, 0.7} = 2.
        Assert.Equal(0.25, acc.BoxAcc(1, 50));
        Assert.Equal(0.5, acc.MaxBoxAcc(50));
        Assert.Equal(0.3, acc.BestThreshold(50));
        // d = 70: t0: {0.8} = 1, t1: 0, t2: {0.7} = 1 -> 0.25 at t0.
        Assert.Equal(0.25, acc.MaxBoxAcc(70));
        Assert.Equal(0, acc.BestThresholdIndex(70));
        Assert.Equal((0.5 + 0.5 + 0.25) / 3, acc.MeanMaxBoxAcc(), 12);
        Assert.Throws<ArgumentException>(() => acc.MaxBoxAcc(40));
        Assert.Throws<ArgumentException>(() => acc.Add([0.1, 0.2]));
    }

    [Fact]
    public void IoU_exactly_at_the_bar_counts_as_correct()
    {
        var acc = new BoxAccuracyAccumulator([0.5], [30, 50, 70]);
        // 3 / 10 = 0.3 and 7 / 10 = 0.7 in double, as BoundingBox.IoU computes them.
        acc.Add([BoundingBox.IoU(new BoundingBox(0, 0, 2, 0), new BoundingBox(0, 0, 9, 0))]);
        acc.Add([BoundingBox.IoU(new BoundingBox(0, 0, 6, 0), new BoundingBox(0, 0, 9, 0))]);
        Assert.Equal(1.0, acc.MaxBoxAcc(30));
        Assert.Equal(0.5, acc.MaxBoxAcc(50));
        Assert.Equal(0.5, acc.MaxBoxAcc(70));
    }

    [Fact]
    public void Box_accumulators_merge()
    {
        double[] thresholds = [0.2, 0.4];
        var a = new BoxAccuracyAccumulator(thresholds);
        var b = new BoxAccuracyAccumulator(thresholds);
        var all = new BoxAccuracyAccumulator(thresholds);
        double[][] images = [[0.6, 0.2], [0.4, 0.9], [0.1, 0.75]];
        a.Add(images[0]);
        b.Add(images[1]);
        b.Add(images[2]);
        foreach (var image in images)
        {
            all.Add(image);
        }

        a.Merge(b);
        Assert.Equal(all.Count, a.Count);
        foreach (int d in new[] { 30, 50, 70 })
        {
            Assert.Equal(all.BoxAcc(0, d), a.BoxAcc(0, d));
            Assert.Equal(all.BoxAcc(1, d), a.BoxAcc(1, d));
        }

        Assert.Throws<ArgumentException>(() => a.Merge(new BoxAccuracyAccumulator([0.2])));
        Assert.Equal(0.0, new BoxAccuracyAccumulator(thresholds).MaxBoxAcc(50));
    }

    [Fact]
    public void Seed_protocol_counts_GT_known_top1_and_top5_localisation()
    {
        var acc = new LocalizationAccuracyAccumulator(LocalizationThresholds.Seed);
        acc.Add([0.6, 0.5, 0.4, 0.1], top1Correct: true, top5Correct: true);
        acc.Add([0.7, 0.7, 0.7, 0.7], top1Correct: false, top5Correct: true);
        acc.Add([0.9, 0.2, 0.2, 0.2], top1Correct: false, top5Correct: false);
        acc.Add([0.0, 0.0, 0.0, 0.0], top1Correct: true, top5Correct: false); // top-1 right implies top-5 right

        Assert.Equal(4, acc.Count);
        Assert.Equal(0.75, acc.GroundTruthKnownLocalization(0));
        Assert.Equal(0.5, acc.GroundTruthKnownLocalization(1));
        Assert.Equal(0.25, acc.Top1Localization(0));
        Assert.Equal(0.25, acc.Top1Localization(1));
        Assert.Equal(0.0, acc.Top1Localization(2));
        Assert.Equal(0.5, acc.Top5Localization(0));
        Assert.Equal(0.25, acc.Top5Localization(2));
        Assert.Equal(0.5, acc.Top1Classification);
        Assert.Equal(0.75, acc.Top5Classification);

        var other = new LocalizationAccuracyAccumulator(LocalizationThresholds.Seed);
        other.Add([1, 1, 1, 1], top1Correct: true, top5Correct: true);
        acc.Merge(other);
        Assert.Equal(5, acc.Count);
        Assert.Equal(0.4, acc.Top1Localization(0));
    }

    [Fact]
    public void Centre_box_baseline_selects_the_fraction_that_fits_the_selection_split()
    {
        // Ground truth: the centred quarter-area box of a 64 x 64 image.
        var quarter = BoundingBox.CentredBox(64, 64, 0.25);
        var selection = Enumerable.Repeat(new BoxAnnotation(64, 64, [quarter]), 10).ToArray();
        double chosen = CentreBoxBaseline.SelectAreaFraction(selection, iouThreshold: 0.9);
        // Squares of side 31..33 reach IoU 0.9 with the 32 px one; the smallest such candidate wins the tie.
        Assert.Equal(31, BoundingBox.CentredBox(64, 64, chosen).Width);
        Assert.Equal(1.0, CentreBoxBaseline.Accuracy(selection, chosen));
        Assert.Equal(0.0, CentreBoxBaseline.Accuracy(selection, 1.0)); // IoU 0.25 < 0.5
        Assert.Equal(0.0, CentreBoxBaseline.Accuracy([], 0.5));
    }

    [Fact]
    public void Centre_box_takes_the_size_that_scores_best_for_each_metric()
    {
        // Six objects are centred squares of side 20, four of side 40 (64 x 64 images). At IoU 0.5 a centred square of
        // side 15..28 finds the small ones and 29..56 the large ones: no size finds both, so the best GT-known is 60 %.
        // At IoU 0.3 sides 22..36 find both (100 %); at IoU 0.7 the best is again the small group (60 %).
        var small = new BoxAnnotation(64, 64, [new BoundingBox(22, 22, 41, 41)]);
        var large = new BoxAnnotation(64, 64, [new BoundingBox(12, 12, 51, 51)]);
        var images = Enumerable.Repeat(small, 6).Concat(Enumerable.Repeat(large, 4)).ToArray();

        double fraction = CentreBoxBaseline.SelectAreaFraction(images);
        Assert.Equal(0.6, CentreBoxBaseline.Accuracy(images, fraction), 10);
        Assert.All(CentreBoxBaseline.CandidateAreaFractions, f => Assert.True(CentreBoxBaseline.Accuracy(images, f) <= 0.6 + 1e-12));
        var side = BoundingBox.CentredBox(64, 64, fraction);
        Assert.InRange(side.Width, 15, 28);

        var (v2, perIoU) = CentreBoxBaseline.MaxBoxAccV2(images, [30, 50, 70]);
        Assert.Equal(1.0, perIoU[30].Accuracy, 10);
        Assert.Equal(0.6, perIoU[50].Accuracy, 10);
        Assert.Equal(0.6, perIoU[70].Accuracy, 10);
        Assert.Equal((1.0 + 0.6 + 0.6) / 3, v2, 10);
    }
}
