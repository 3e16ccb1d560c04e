using CsCheck;
using HideAndSeek.Boxes;

namespace HideAndSeek.Tests.Boxes;

/// <summary>A heatmap with its size and ground-truth boxes, for property tests.</summary>
internal sealed record HeatmapCase(int Height, int Width, float[] Values, BoundingBox[] GroundTruth)
{
    public override string ToString() =>
        $"{Height}x{Width} gt=[{string.Join(", ", GroundTruth)}] values=[{string.Join(", ", Values.Select(v => v.ToString("R")))}]";
}

/// <summary>Hand-drawn maps and random-map generators shared by the localisation tests.</summary>
internal static class TestMaps
{
    /// <summary>A map from rows of digits: digit d becomes d / 9 ('.' is 0), so '9' is the maximum 1.</summary>
    public static (float[] Values, int Height, int Width) FromRows(params string[] rows)
    {
        int h = rows.Length, w = rows[0].Length;
        var values = new float[h * w];
        for (int y = 0; y < h; y++)
        {
            Assert.Equal(w, rows[y].Length);
            for (int x = 0; x < w; x++)
            {
                char c = rows[y][x];
                values[y * w + x] = c == '.' ? 0f : (c - '0') / 9f;
            }
        }

        return (values, h, w);
    }

    /// <summary>A box that lies inside an h x w image.</summary>
    public static Gen<BoundingBox> BoxInside(int h, int w) =>
        from x0 in Gen.Int[0, w - 1]
        from y0 in Gen.Int[0, h - 1]
        from x1 in Gen.Int[x0, w - 1]
        from y1 in Gen.Int[y0, h - 1]
        select new BoundingBox(x0, y0, x1, y1);

    /// <summary>
    /// Small random heatmaps of four kinds: few levels (many ties, components and holes), any level on the uint8 grid
    /// with values on and just off the steps, uniform floats, and smooth blobs (a coarse grid upsampled); 1 to 3 ground-truth boxes.
    /// </summary>
    public static Gen<HeatmapCase> SmallCases(int maxSide = 14) =>
        from h in Gen.Int[1, maxSide]
        from w in Gen.Int[1, maxSide]
        from kind in Gen.Int[0, 3]
        from raw in Gen.Int[0, 1 << 20].Array[h * w]
        from gt in BoxInside(h, w).Array[1, 3]
        select new HeatmapCase(h, w, MakeValues(kind, h, w, raw), gt);

    private static float[] MakeValues(int kind, int h, int w, int[] raw)
    {
        var values = new float[h * w];
        switch (kind)
        {
            case 0:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = raw[i] % 5 / 4f;
                }

                break;
            case 1:
                for (int i = 0; i < values.Length; i++)
                {
                    int level = raw[i] % 256;
                    int jitter = raw[i] / 256 % 3; // on the step, just below the next one, or halfway
                    float v = level / 255f + (jitter == 1 ? 0.999f / 255f : jitter == 2 ? 0.5f / 255f : 0f);
                    values[i] = Math.Min(v, 1f);
                }

                break;
            case 2:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = raw[i] / (float)(1 << 20);
                }

                break;
            default:
                {
                    int ch = Math.Max(1, h / 4 + 1), cw = Math.Max(1, w / 4 + 1);
                    var coarse = new float[ch * cw];
                    for (int i = 0; i < coarse.Length; i++)
                    {
                        coarse[i] = raw[i % raw.Length] / (float)(1 << 20);
                    }

                    HeatmapPreparation.Upsample(coarse, ch, cw, values, h, w);
                    break;
                }
        }

        HeatmapPreparation.Normalize(values);
        return values;
    }

    /// <summary>A CAM-like 64x64 map: a random 8x8 grid upsampled bilinearly and normalised.</summary>
    public static void CamLike(Random random, Span<float> coarse, Span<float> map, int size = 64)
    {
        for (int i = 0; i < coarse.Length; i++)
        {
            coarse[i] = (float)random.NextDouble();
        }

        int side = (int)Math.Sqrt(coarse.Length);
        HeatmapPreparation.Upsample(coarse, side, side, map, size, size);
        HeatmapPreparation.Normalize(map);
    }
}
