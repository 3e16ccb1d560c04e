using HideAndSeek.Evaluation;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Tests.Evaluation;

/// <summary>PxAP inside <c>ml.Localization().Evaluate</c>: masks from a vector or from mask files, reported when present.</summary>
public class PxapEvaluationTests
{
    private sealed class Row
    {
        [KeyType(2)]
        public uint Label { get; set; }

        [VectorType(2)]
        public float[] Score { get; set; } = [0.8f, 0.2f];

        [VectorType(4)]
        public float[] Box { get; set; } = [2f, 2, 5, 5];

        [VectorType(64)]
        public float[] GroundTruthHeatmap { get; set; } = new float[64];
    }

    private sealed class RowWithMask
    {
        [KeyType(2)]
        public uint Label { get; set; }

        [VectorType(2)]
        public float[] Score { get; set; } = [0.8f, 0.2f];

        [VectorType(4)]
        public float[] Box { get; set; } = [2f, 2, 5, 5];

        [VectorType(64)]
        public float[] GroundTruthHeatmap { get; set; } = new float[64];

        [VectorType(64)]
        public float[] MaskPath { get; set; } = new float[64];
    }

    private sealed class RowWithMaskFile
    {
        [KeyType(2)]
        public uint Label { get; set; }

        [VectorType(2)]
        public float[] Score { get; set; } = [0.8f, 0.2f];

        [VectorType(4)]
        public float[] Box { get; set; } = [2f, 2, 5, 5];

        [VectorType(64)]
        public float[] GroundTruthHeatmap { get; set; } = new float[64];

        public string MaskPath { get; set; } = "";
    }

    private static readonly LocalizationEvaluationOptions EightByEight = new() { ImageSize = (8, 8) };

    /// <summary>An 8x8 map with <paramref name="value"/> on x0..x1 x y0..y1.</summary>
    private static float[] Block(int x0, int y0, int x1, int y1, float value = 1f, float[]? into = null)
    {
        var map = into ?? new float[64];
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
                map[y * 8 + x] = value;
        }

        return map;
    }

    [Fact]
    public void Evaluation_adds_PxAP_over_the_pixels_of_all_images_when_the_data_has_masks()
    {
        var ml = new MLContext(1);
        // Object 2..5 x 2..5 (16 pixels) in both images. Image 1's heatmap is 1 on the object's left half only, image
        // 2's on the whole object, 0 elsewhere. Pooled over 128 pixels (32 object): at t = 1, 8 + 16 object pixels and
        // no background (P = 1, R = 24/32); below, everything (P = 32/128, R = 1).
        var rows = new[]
        {
            new RowWithMask { Label = 0, GroundTruthHeatmap = Block(2, 2, 3, 5), MaskPath = Block(2, 2, 5, 5) },
            new RowWithMask { Label = 1, GroundTruthHeatmap = Block(2, 2, 5, 5), MaskPath = Block(2, 2, 5, 5) },
        };
        var m = ml.Localization().Evaluate(ml.Data.LoadFromEnumerable(rows), EightByEight);

        double expected = 1.0 * 24 / 32 + 32.0 / 128 * 8 / 32;
        Assert.Equal(expected, m.PixelAveragePrecision!.Value, 12);
        Assert.Equal(2, m.PixelAveragePrecisionImages);
        Assert.Contains($"pxap\t\t{expected:F6}", m.ToTsv());
        Assert.Contains("pxap_images\t\t2", m.ToTsv());
        Assert.Contains("PxAP", m.ToMarkdown());
    }

    [Fact]
    public void Without_a_mask_column_there_is_no_PxAP()
    {
        var ml = new MLContext(1);
        var m = ml.Localization().Evaluate(ml.Data.LoadFromEnumerable(new[] { new Row { GroundTruthHeatmap = Block(2, 2, 5, 5) } }), EightByEight);
        Assert.Null(m.PixelAveragePrecision);
        Assert.Equal(0, m.PixelAveragePrecisionImages);
        Assert.DoesNotContain("pxap", m.ToTsv());
        Assert.DoesNotContain("PxAP", m.ToMarkdown());

        // A mask column under another name is used only when named.
        var masked = ml.Data.LoadFromEnumerable(new[] { new RowWithMask { GroundTruthHeatmap = Block(2, 2, 5, 5), MaskPath = Block(2, 2, 5, 5) } });
        var off = new LocalizationEvaluationOptions { ImageSize = (8, 8), MaskColumnName = null };
        Assert.Null(ml.Localization().Evaluate(masked, off).PixelAveragePrecision);
    }

    [Fact]
    public void Mask_files_are_read_resized_to_the_heatmap_and_rows_without_a_path_left_out()
    {
        using var dir = new TempDirectory();
        // A 16x16 mask whose object is the 2x2-upscaled block 2..5: nearest sampling gives back block 2..5 at 8x8.
        string path = dir.File("mask.png");
        using (var mask = new Image<L8>(16, 16))
        {
            for (int y = 4; y <= 11; y++)
            {
                for (int x = 4; x <= 11; x++)
                    mask[x, y] = new L8(255);
            }

            mask.SaveAsPng(path);
        }
        var ml = new MLContext(1);
        var rows = new[]
        {
            new RowWithMaskFile { GroundTruthHeatmap = Block(2, 2, 5, 5), MaskPath = path },       // exact: PxAP 1
            new RowWithMaskFile { GroundTruthHeatmap = Block(0, 0, 7, 7, 0.5f, Block(6, 6, 7, 7)), MaskPath = "" }, // no mask
        };
        var m = ml.Localization().Evaluate(ml.Data.LoadFromEnumerable(rows), EightByEight);
        Assert.Equal(1.0, m.PixelAveragePrecision!.Value, 12);
        Assert.Equal(1, m.PixelAveragePrecisionImages);
        Assert.Equal(2, m.Count);

        var missing = ml.Data.LoadFromEnumerable(new[] { new RowWithMaskFile { GroundTruthHeatmap = Block(2, 2, 5, 5), MaskPath = dir.File("none.png") } });
        var e = Assert.Throws<InvalidOperationException>(() => ml.Localization().Evaluate(missing, EightByEight));
        Assert.Contains(dir.File("none.png"), e.Message);
    }
}
