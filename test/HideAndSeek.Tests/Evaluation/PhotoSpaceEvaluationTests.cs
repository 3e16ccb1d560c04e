using HideAndSeek.Evaluation;
using HideAndSeek.Photos;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.Evaluation;

/// <summary>With a PhotoGeometry column the evaluator scores IoU in the photo's own pixels.</summary>
public class PhotoSpaceEvaluationTests
{
    private const int Side = 8;

    public sealed class Row
    {
        [KeyType(2)]
        public uint Label { get; set; }

        [VectorType(2)]
        public float[] Score { get; set; } = [0.9f, 0.1f];

        [VectorType(4)]
        public float[] Box { get; set; } = new float[4];

        [VectorType(Side * Side)]
        public float[] GroundTruthHeatmap { get; set; } = new float[Side * Side];

        [VectorType(3)]
        public float[] PhotoGeometry { get; set; } = new float[3];
    }

    public static TheoryData<PhotoResizing> Modes => new() { PhotoResizing.Stretch, PhotoResizing.Crop, PhotoResizing.Pad };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Photo_space_IoU_matches_a_pixel_counting_reference_on_awkward_sizes(PhotoResizing resizing)
    {
        var ml = new MLContext(1);
        var random = new Random(17);
        (int W, int H)[] sizes = [(23, 13), (13, 29), (37, 37), (101, 7), (9, 61), (17, 11)];
        int checkedRows = 0;
        foreach (var (w, h) in sizes)
        {
            for (int trial = 0; trial < 6; trial++)
            {
                var frame = PhotoFrame.Create(w, h, Side, Side, resizing);
                int bx0 = random.Next(Side), by0 = random.Next(Side);
                int bx1 = random.Next(bx0, Side), by1 = random.Next(by0, Side);
                int gx0 = random.Next(w), gy0 = random.Next(h);
                int gx1 = random.Next(gx0, w), gy1 = random.Next(gy0, h);
                double reference = ReferenceIoU(frame, (bx0, by0, bx1, by1), (gx0, gy0, gx1, gy1));
                if (reference < 1e-3)
                    continue;
                var row = new Row
                {
                    Box = [gx0, gy0, gx1, gy1],
                    GroundTruthHeatmap = Block(bx0, by0, bx1, by1),
                    PhotoGeometry = PhotoFrame.Geometry(w, h, resizing),
                };
                var data = ml.Data.LoadFromEnumerable(new[] { row });
                Assert.Equal(1.0, GroundTruthKnown(ml, data, reference - 1e-9));
                if (reference < 1 - 1e-9)
                    Assert.Equal(0.0, GroundTruthKnown(ml, data, reference + 1e-9));
                checkedRows++;
            }
        }
        Assert.True(checkedRows > 10, $"only {checkedRows} rows overlapped");
    }

    [Fact]
    public void A_photo_of_the_network_size_scores_as_without_geometry()
    {
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, 8).Select(i => new Row
        {
            Box = [i % 3, i % 2, 4 + (i % 4), 5],
            GroundTruthHeatmap = Block(1 + (i % 2), 1, 5, 6 - (i % 3)),
            PhotoGeometry = PhotoFrame.Geometry(Side, Side, PhotoResizing.Stretch),
        }).ToArray();
        var with = ml.Localization().Evaluate(ml.Data.LoadFromEnumerable(rows), new LocalizationEvaluationOptions { ImageSize = (Side, Side) });
        var without = ml.Localization().Evaluate(ml.Data.LoadFromEnumerable(rows),
            new LocalizationEvaluationOptions { ImageSize = (Side, Side), PhotoGeometryColumnName = "none" });
        Assert.Equal(without.ToTsv(), with.ToTsv());
    }

    [Fact]
    public void A_ground_truth_box_outside_its_photo_is_an_error()
    {
        var ml = new MLContext(1);
        var row = new Row { Box = [0, 0, 30, 5], GroundTruthHeatmap = Block(0, 0, 3, 3), PhotoGeometry = PhotoFrame.Geometry(23, 13, PhotoResizing.Pad) };
        var e = Assert.Throws<InvalidOperationException>(() =>
            ml.Localization().Evaluate(ml.Data.LoadFromEnumerable(new[] { row }), new LocalizationEvaluationOptions { ImageSize = (Side, Side) }));
        Assert.Contains("23 x 13", e.Message, StringComparison.Ordinal);
    }

    private static double GroundTruthKnown(MLContext ml, IDataView data, double iouThreshold) =>
        ml.Localization().Evaluate(data, new LocalizationEvaluationOptions
        {
            ImageSize = (Side, Side),
            Thresholds = [0.5],
            IoUThreshold = Math.Clamp(iouThreshold, 0, 1),
            ComputeMaxBoxAcc = false,
        }).PerThreshold[0].GroundTruthKnownLocalization;

    private static float[] Block(int x0, int y0, int x1, int y1)
    {
        var map = new float[Side * Side];
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
                map[(y * Side) + x] = 1f;
        }
        return map;
    }

    /// <summary>
    /// The predicted box in photo pixels by brute force (every photo pixel whose area overlaps the network box's
    /// area, in double precision), then IoU by counting pixels.
    /// </summary>
    private static double ReferenceIoU(PhotoFrame frame, (int X0, int Y0, int X1, int Y1) network, (int X0, int Y0, int X1, int Y1) truth)
    {
        static bool Overlaps(int pixel, double scale, double offset, int lo, int hi)
        {
            double start = (pixel * scale) + offset, end = ((pixel + 1) * scale) + offset;
            return end > lo + 1e-9 && start < hi + 1 - 1e-9;
        }

        var xs = Enumerable.Range(0, frame.PhotoWidth).Where(x => Overlaps(x, frame.ScaleX, frame.OffsetX, network.X0, network.X1)).ToList();
        var ys = Enumerable.Range(0, frame.PhotoHeight).Where(y => Overlaps(y, frame.ScaleY, frame.OffsetY, network.Y0, network.Y1)).ToList();
        if (xs.Count == 0 || ys.Count == 0)
            return 0;
        var predicted = (X0: xs.Min(), Y0: ys.Min(), X1: xs.Max(), Y1: ys.Max());
        long inter = 0, union = 0;
        for (int y = 0; y < frame.PhotoHeight; y++)
        {
            for (int x = 0; x < frame.PhotoWidth; x++)
            {
                bool p = x >= predicted.X0 && x <= predicted.X1 && y >= predicted.Y0 && y <= predicted.Y1;
                bool t = x >= truth.X0 && x <= truth.X1 && y >= truth.Y0 && y <= truth.Y1;
                inter += p && t ? 1 : 0;
                union += p || t ? 1 : 0;
            }
        }
        return (double)inter / union;
    }
}
