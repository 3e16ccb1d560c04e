using HideAndSeek.Boxes;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// Heatmaps shaped like a localiser's: a few Gaussian bumps on an 8 x 8 class map, upsampled to 64 x 64 and
/// min-max normalised, each with a random ground-truth box.
/// </summary>
internal static class CamLikeHeatmaps
{
    public const int Side = 64;

    /// <summary><paramref name="count"/> heatmaps and boxes, the same for the same seed.</summary>
    public static List<(float[] Heatmap, BoundingBox Box)> Generate(int count, int seed = 7)
    {
        var random = new Random(seed);
        var maps = new List<(float[], BoundingBox)>(count);
        var cam = new float[64];
        for (int i = 0; i < count; i++)
        {
            Array.Clear(cam);
            for (int bump = 0; bump < 1 + random.Next(3); bump++)
            {
                double cy = random.NextDouble() * 8, cx = random.NextDouble() * 8, s = 0.8 + random.NextDouble() * 1.5, w = random.NextDouble();
                for (int y = 0; y < 8; y++)
                {
                    for (int x = 0; x < 8; x++)
                        cam[y * 8 + x] += (float)(w * Math.Exp(-((y - cy) * (y - cy) + (x - cx) * (x - cx)) / (2 * s * s)));
                }
            }
            var heatmap = new float[Side * Side];
            HeatmapPreparation.Upsample(cam, 8, 8, heatmap, Side, Side);
            HeatmapPreparation.Normalize(heatmap);
            int x0 = random.Next(0, 40), y0 = random.Next(0, 40);
            maps.Add((heatmap, new BoundingBox(x0, y0, x0 + random.Next(8, 24), y0 + random.Next(8, 24))));
        }
        return maps;
    }
}
