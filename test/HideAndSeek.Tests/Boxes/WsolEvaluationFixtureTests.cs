
using HideAndSeek.Boxes;

namespace HideAndSeek.Tests.Boxes;

/// <summary>Boxes of the wsolevaluation convention against the same rules run with numpy and OpenCV 4.6.</summary>
public class WsolEvaluationFixtureTests
{
    private const LocalizationConvention Wsol = LocalizationConvention.WsolEvaluation;

    [Fact]
    public void Extraction_reproduces_wsolevaluation_boxes_from_OpenCV()
    {
        var thresholds = LocalizationThresholds.WsolEvaluation();
        int checkedThresholds = 0;
        foreach (var map in OpenCvFixtures.Maps())
        {
            foreach (var t in map.Thresholds)
            {
                double threshold = thresholds[t.Index];
                Assert.Equal(t.Largest, HeatmapBoxExtractor.ExtractBox(map.Values, map.Height, map.Width, threshold, BoxMode.LargestComponent, Wsol));
                Assert.Equal(t.All, HeatmapBoxExtractor.ExtractBoxes(map.Values, map.Height, map.Width, threshold, BoxMode.AllContours, Wsol));
                checkedThresholds++;
            }
        }

        Assert.True(checkedThresholds >= 500);
    }

    [Fact]
    public void Sweep_IoUs_match_IoUs_of_the_OpenCV_boxes()
    {
        var thresholds = LocalizationThresholds.WsolEvaluation();
        var random = new Random(7);
        foreach (var map in OpenCvFixtures.Maps())
        {
            var sweep = new ThresholdSweep(map.Height, map.Width, Wsol);
            for (int trial = 0; trial < 5; trial++)
            {
                int x0 = random.Next(map.Width), y0 = random.Next(map.Height);
                BoundingBox[] gt = [new(x0, y0, random.Next(x0, map.Width), random.Next(y0, map.Height))];
                var largest = new double[thresholds.Length];
                var all = new double[thresholds.Length];
                sweep.Run(map.Values, gt, thresholds, [], largest, all);
                foreach (var t in map.Thresholds)
                {
                    Assert.Equal(BoundingBox.MaxIoU(t.Largest, gt), largest[t.Index]);
                    Assert.Equal(t.All.Max(b => BoundingBox.MaxIoU(b, gt)), all[t.Index]);
                }
            }
        }
    }
}
