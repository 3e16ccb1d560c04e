using CsCheck;
using HideAndSeek.Evaluation;

namespace HideAndSeek.Tests.Evaluation;

/// <summary>PxAP on hand-made heatmaps and masks whose average precision is known.</summary>
public class PixelAveragePrecisionTests
{
    /// <summary>PxAP of one image given as (score, is object) pixels.</summary>
    private static double Pxap(params (float Score, bool Object)[] pixels) => Pxap(PixelAveragePrecisionAccumulator.DefaultInterval, pixels);

    private static double Pxap(double interval, params (float Score, bool Object)[] pixels)
    {
        var accumulator = new PixelAveragePrecisionAccumulator(interval);
        accumulator.Add(pixels.Select(p => p.Score).ToArray(), pixels.Select(p => p.Object).ToArray());
        return accumulator.AveragePrecision();
    }

    [Fact]
    public void A_heatmap_that_scores_every_object_pixel_above_every_background_pixel_has_PxAP_one()
    {
        Assert.Equal(1.0, Pxap((1f, true), (1f, true), (0f, false), (0f, false), (0f, false)), 12);
        Assert.Equal(1.0, Pxap((0.7f, true), (0.31f, true), (0.3f, false), (0f, false)), 12);
    }

    [Fact]
    public void Interleaved_scores_give_the_hand_computed_average_precision()
    {
        // Ranked object, background, object, background: P = 1 at R = 1/2, then P = 2/3 at R = 1.
        Assert.Equal(1 * 0.5 + 2.0 / 3 * 0.5, Pxap((1f, true), (0.8f, false), (0.6f, true), (0f, false)), 12);
        // Object, object, background, object, background: recall steps of 1/3 at precisions 1, 1, 3/4.
        Assert.Equal((1 + 1 + 0.75) / 3, Pxap((0.9f, true), (0.7f, true), (0.5f, false), (0.3f, true), (0.1f, false)), 12);
        // The background ranked first: P = 1/2 at R = 1.
        Assert.Equal(0.5, Pxap((1f, false), (0.4f, true)), 12);
    }

    [Fact]
    public void A_constant_heatmap_scores_the_share_of_object_pixels()
    {
        // Every pixel is tied at every threshold: one point, P = 3/8 at R = 1.
        var pixels = Enumerable.Range(0, 8).Select(i => (0f, i < 3)).ToArray();
        Assert.Equal(3.0 / 8, Pxap(pixels), 12);
    }

    [Fact]
    public void Pixels_are_pooled_over_all_images_not_averaged_per_image()
    {
        var accumulator = new PixelAveragePrecisionAccumulator();
        accumulator.Add([1f, 0f], [true, false]);      // alone: PxAP 1
        accumulator.Add([0.2f, 0.9f], [true, false]);  // alone: PxAP 1/2
        // Pooled ranking: object 1.0, background 0.9, object 0.2, background 0: P = 1 at R = 1/2, 2/3 at R = 1.
        Assert.Equal(0.5 + 2.0 / 3 * 0.5, accumulator.AveragePrecision(), 12);
        Assert.Equal(2, accumulator.Count);
    }

    [Fact]
    public void Scores_within_one_threshold_step_are_tied_as_in_wsolevaluation()
    {
        // 0.5009 and 0.5004 share the bin [0.500, 0.501): tied, so the better-scored object pixel earns only P = 1/2.
        Assert.Equal(0.5, Pxap((0.5009f, true), (0.5004f, false)), 12);
        // A finer curve separates them.
        Assert.Equal(1.0, Pxap(0.0001, (0.5009f, true), (0.5004f, false)), 12);
        // The maximum 1.0 has its own bin [1, 2): ahead of 0.9995.
        Assert.Equal(1.0, Pxap((1f, true), (0.9995f, false)), 12);
    }

    [Fact]
    public void Without_object_pixels_PxAP_is_undefined_and_mismatched_sizes_are_refused()
    {
        Assert.True(double.IsNaN(Pxap((1f, false), (0f, false))));
        var accumulator = new PixelAveragePrecisionAccumulator();
        Assert.Throws<ArgumentException>(() => accumulator.Add([1f, 0f], [true]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PixelAveragePrecisionAccumulator(0));
    }

    /// <summary>
    /// Average precision from its definition: distinct scores from high to low, P(score &gt;= s) times the recall gained
    /// at s. Equal to PxAP when every distinct score falls in its own threshold bin.
    /// </summary>
    private static double ReferenceAveragePrecision(float[] scores, bool[] mask)
    {
        int objects = mask.Count(m => m);
        double area = 0, previousRecall = 0;
        foreach (float level in scores.Distinct().OrderByDescending(s => s))
        {
            int above = 0, tp = 0;
            for (int i = 0; i < scores.Length; i++)
            {
                if (scores[i] >= level)
                {
                    above++;
                    if (mask[i])
                        tp++;
                }
            }
            double recall = (double)tp / objects;
            area += (double)tp / above * (recall - previousRecall);
            previousRecall = recall;
        }
        return area;
    }

    [Fact]
    public void PxAP_equals_average_precision_from_its_definition_when_scores_are_a_coarse_grid() =>
        (from images in Gen.Int[1, 4]
         from pixels in Gen.Int[1, 30]
         from levels in Gen.Int[0, 20].Array[images * pixels]
         from mask in Gen.Bool.Array[images * pixels]
         where mask.Any(m => m)
         select (images, pixels, levels, mask)).Sample(c =>
        {
            // Scores k / 20: far more than one 0.001 step apart, so no two levels share a bin.
            var scores = c.levels.Select(k => k / 20f).ToArray();
            var accumulator = new PixelAveragePrecisionAccumulator();
            for (int i = 0; i < c.images; i++)
                accumulator.Add(scores.AsSpan(i * c.pixels, c.pixels), c.mask.AsSpan(i * c.pixels, c.pixels));
            Assert.Equal(ReferenceAveragePrecision(scores, c.mask), accumulator.AveragePrecision(), 9);
        }, iter: 300, threads: 1);
}
