using HideAndSeek.Visualization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace HideAndSeek.WebApp;

/// <summary>The photo with the CAM heatmap blended over it (jet colours) and the predicted box in green, as PNG.</summary>
internal static class OverlayRenderer
{
    /// <summary>The box colour (the visualisations' predicted-box green).</summary>
    public static readonly Rgba32 BoxColor = new(0, 255, 0);

    // Large photos are drawn at this many pixels on the long side: the picture is for a screen.
    private const int MaxSide = 1024;
    private const float HeatAlpha = 0.45f;

    public static byte[] Render(string photoPath, ImagePrediction prediction, ModelInputGeometry geometry)
    {
        using var image = Image.Load<Rgba32>(photoPath);
        if (Math.Max(image.Width, image.Height) > MaxSide)
        {
            double shrink = (double)MaxSide / Math.Max(image.Width, image.Height);
            image.Mutate(c => c.Resize(Math.Max(1, (int)(image.Width * shrink)), Math.Max(1, (int)(image.Height * shrink))));
        }
        var mapping = geometry.For(image.Width, image.Height);
        // After a reload the heatmap may come from a model of another size: draw the box only then.
        if (prediction.Heatmap.Length == geometry.Width * geometry.Height)
            BlendHeatmap(image, prediction.Heatmap, mapping);
        DrawBox(image, mapping.ToPhoto(prediction.PredictedBox));
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return png.ToArray();
    }

    private static void BlendHeatmap(Image<Rgba32> image, float[] heatmap, PhotoMapping mapping)
    {
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    if (!mapping.TryModelPixel(x, y, out int mx, out int my))
                        continue;
                    var heat = JetColormap.Map(heatmap[my * mapping.ModelWidth + mx]);
                    ref var pixel = ref row[x];
                    pixel = new Rgba32(Blend(pixel.R, heat.R), Blend(pixel.G, heat.G), Blend(pixel.B, heat.B), 255);
                }
            }
        });
    }

    private static byte Blend(byte photo, byte heat) => (byte)MathF.Round(photo * (1 - HeatAlpha) + heat * HeatAlpha);

    private static void DrawBox(Image<Rgba32> image, PhotoBox box)
    {
        int thickness = Math.Max(2, Math.Min(image.Width, image.Height) / 150);
        image.ProcessPixelRows(rows =>
        {
            for (int y = box.Ymin; y <= box.Ymax; y++)
            {
                var row = rows.GetRowSpan(y);
                bool edgeRow = y < box.Ymin + thickness || y > box.Ymax - thickness;
                for (int x = box.Xmin; x <= box.Xmax; x++)
                {
                    if (edgeRow || x < box.Xmin + thickness || x > box.Xmax - thickness)
                        row[x] = BoxColor;
                }
            }
        });
    }
}
