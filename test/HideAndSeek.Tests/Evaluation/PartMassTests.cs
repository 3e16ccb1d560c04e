using HideAndSeek.Boxes;
using HideAndSeek.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.Evaluation;

public sealed class PartMassTests
{
    private sealed class Row
    {
        [KeyType(2)]
        public uint Label { get; set; } = 1;

        [VectorType(2)]
        public float[] Score { get; set; } = [0.8f, 0.2f];

        [VectorType(4)]
        public float[] Box { get; set; } = [2f, 2, 5, 5];

        [VectorType(64)]
        public float[] GroundTruthHeatmap { get; set; } = new float[64];

        [VectorType]
        public float[] PartBox { get; set; } = [];
    }

    [Fact]
    public void Evaluation_reports_the_heatmap_mass_in_the_part_and_the_rest_of_the_object_when_the_data_has_part_boxes()
    {
        var ml = new MLContext(1);
        var heatmap = new float[64];
        heatmap[2 * 8 + 2] = 3; // the part (2, 2)
        heatmap[5 * 8 + 5] = 1; // the object's box, outside the part
        var rows = new[]
        {
            new Row { GroundTruthHeatmap = heatmap, PartBox = [2f, 2, 2, 2] },
            new Row { GroundTruthHeatmap = heatmap }, // no part: left out
        };
        var m = ml.Localization().Evaluate(ml.Data.LoadFromEnumerable(rows), new LocalizationEvaluationOptions { ImageSize = (8, 8) });

        Assert.Equal(1, m.PartMass!.Images);
        Assert.Equal(0.75, m.PartMass.InPart, 6);
        Assert.Equal(0.25, m.PartMass.InObjectOutsidePart, 6);
        Assert.Contains("part_mass\t\t0.750000", m.ToTsv());
        Assert.Contains("in the part", m.ToMarkdown());
        var withoutParts = ml.Localization().Evaluate(ml.Data.LoadFromEnumerable(rows),
            new LocalizationEvaluationOptions { ImageSize = (8, 8), PartBoxColumnName = null });
        Assert.Null(withoutParts.PartMass);
    }

    [Fact]
    public void Mass_shares_match_a_pixel_by_pixel_reference_on_an_odd_sized_map()
    {
        const int width = 13, height = 7;
        var random = new Random(5);
        var heatmap = Enumerable.Range(0, width * height).Select(_ => (float)random.NextDouble()).ToArray();
        var parts = new[] { new BoundingBox(2, 1, 4, 3), new BoundingBox(11, 5, 14, 9) }; // the second is partly outside
        var mask = Enumerable.Range(0, width * height).Select(i => i % width is >= 1 and <= 9 && i / width <= 5).ToArray();

        var accumulator = new PartMassAccumulator();
        accumulator.Add(heatmap, width, height, parts, mask, []);
        var shares = accumulator.Shares()!;

        double total = 0, part = 0, rest = 0;
        int partPixels = 0, restPixels = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double v = heatmap[y * width + x];
                total += v;
                bool inPart = parts.Any(b => x >= b.XMin && x <= b.XMax && y >= b.YMin && y <= b.YMax);
                if (inPart)
                {
                    part += v;
                    partPixels++;
                }
                else if (mask[y * width + x])
                {
                    rest += v;
                    restPixels++;
                }
            }
        }
        Assert.Equal(1, shares.Images);
        Assert.Equal(part / total, shares.InPart, 6);
        Assert.Equal(rest / total, shares.InObjectOutsidePart, 6);
        Assert.Equal(1 - (part + rest) / total, shares.OutsideObject, 6);
        Assert.Equal((double)partPixels / (width * height), shares.PartArea, 9);
        Assert.Equal((double)restPixels / (width * height), shares.ObjectOutsidePartArea, 9);
    }

    [Fact]
    public void Without_a_mask_the_object_is_its_boxes_and_images_without_a_part_are_left_out()
    {
        var heatmap = new float[16];
        heatmap[0] = 1;   // in the part
        heatmap[5] = 2;   // in the object box, outside the part
        heatmap[15] = 1;  // outside the object
        var accumulator = new PartMassAccumulator();
        accumulator.Add(heatmap, 4, 4, [new BoundingBox(0, 0, 0, 0)], null, [new BoundingBox(0, 0, 2, 2)]);
        accumulator.Add(heatmap, 4, 4, [], null, [new BoundingBox(0, 0, 2, 2)]);
        accumulator.Add(new float[16], 4, 4, [new BoundingBox(0, 0, 0, 0)], null, [new BoundingBox(0, 0, 2, 2)]);
        var shares = accumulator.Shares()!;
        Assert.Equal(1, shares.Images);
        Assert.Equal(0.25, shares.InPart, 9);
        Assert.Equal(0.5, shares.InObjectOutsidePart, 9);
        Assert.Equal(0.25, shares.OutsideObject, 9);
        Assert.Equal(1.0 / 16, shares.PartArea, 9);
        Assert.Equal(8.0 / 16, shares.ObjectOutsidePartArea, 9);
        Assert.Null(new PartMassAccumulator().Shares());
    }
}
