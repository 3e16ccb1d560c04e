using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Visualization;

/// <summary>
/// Paints images held as ML.NET pixel vectors (planar R, G, B planes of floats in 0..255, the layout of
/// <c>ExtractPixels</c>) and H x W heatmaps onto a canvas, enlarged by an integer factor (nearest neighbour).
/// </summary>
internal static class ImageTiles
{
    /// <summary>The colour of pixel (x, y) of a planar RGB image; values are clamped to 0..255 and rounded.</summary>
    public static Rgba32 PixelAt(ReadOnlySpan<float> planar, int height, int width, int x, int y)
    {
        int plane = height * width, i = y * width + x;
        return new Rgba32(ToByte(planar[i]), ToByte(planar[plane + i]), ToByte(planar[2 * plane + i]), 255);
    }

    /// <summary>One channel value as a byte (NaN becomes 0).</summary>
    public static byte ToByte(float value) =>
        float.IsNaN(value) ? (byte)0 : (byte)Math.Clamp(MathF.Round(value, MidpointRounding.AwayFromZero), 0f, 255f);

    /// <summary>The image with its top-left corner at (left, top).</summary>
    public static void DrawImage(PixelCanvas canvas, ReadOnlySpan<float> planar, int height, int width, int left, int top, int scale)
    {
        CheckPlanar(planar, height, width);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
                canvas.FillRectangle(left + x * scale, top + y * scale, scale, scale, PixelAt(planar, height, width, x, y));
        }
    }

    /// <summary>The heatmap in the jet colour map.</summary>
    public static void DrawHeatmap(PixelCanvas canvas, ReadOnlySpan<float> heatmap, int height, int width, int left, int top, int scale)
    {
        CheckHeatmap(heatmap, height, width);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
                canvas.FillRectangle(left + x * scale, top + y * scale, scale, scale, JetColormap.Map(heatmap[y * width + x]));
        }
    }

    /// <summary>The image with the jet heatmap mixed over it: <c>(1 - alpha) * image + alpha * jet</c>.</summary>
    public static void DrawOverlay(PixelCanvas canvas, ReadOnlySpan<float> planar, ReadOnlySpan<float> heatmap, int height, int width,
        int left, int top, int scale, float alpha)
    {
        CheckPlanar(planar, height, width);
        CheckHeatmap(heatmap, height, width);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var mixed = PixelCanvas.Mix(PixelAt(planar, height, width, x, y), JetColormap.Map(heatmap[y * width + x]), alpha);
                canvas.FillRectangle(left + x * scale, top + y * scale, scale, scale, mixed);
            }
        }
    }

    private static void CheckPlanar(ReadOnlySpan<float> planar, int height, int width)
    {
        if (planar.Length != 3 * height * width)
            throw new ArgumentException($"Expected 3 x {height} x {width} = {3 * height * width} planar RGB values, got {planar.Length}.", nameof(planar));
    }

    private static void CheckHeatmap(ReadOnlySpan<float> heatmap, int height, int width)
    {
        if (heatmap.Length != height * width)
            throw new ArgumentException($"Expected a {height} x {width} heatmap ({height * width} values), got {heatmap.Length}.", nameof(heatmap));
    }
}
