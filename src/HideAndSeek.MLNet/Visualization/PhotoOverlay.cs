using HideAndSeek.Boxes;
using HideAndSeek.Photos;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Visualization;

/// <summary>
/// A photo at its own size with the network's heatmap laid over it (each photo pixel takes the heatmap pixel its
/// centre falls in; cropped-away parts stay plain) and a box in the photo's pixels, written as PNG.
/// </summary>
public static class PhotoOverlay
{
    /// <summary>Writes the overlay of one photo.</summary>
    /// <param name="photoPath">The photo file.</param>
    /// <param name="heatmap">The heatmap in the network's pixels (row-major, values in [0, 1]).</param>
    /// <param name="frame">Where the photo lies in the network's input; its network size is the heatmap's.</param>
    /// <param name="photoBox">The box to draw, in the photo's pixels (an empty box draws none).</param>
    /// <param name="caption">Text drawn in the top-left corner (null: none).</param>
    /// <param name="outputPath">The PNG to write (its folder is created).</param>
    /// <param name="heatmapAlpha">Opacity of the heatmap over the photo.</param>
    /// <exception cref="ArgumentException">The heatmap does not hold the frame's network width x height values.</exception>
    public static void Write(string photoPath, ReadOnlySpan<float> heatmap, PhotoFrame frame, BoundingBox photoBox, string? caption,
        string outputPath, float heatmapAlpha = 0.45f)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (heatmap.Length != frame.NetworkWidth * frame.NetworkHeight)
            throw new ArgumentException($"The heatmap holds {heatmap.Length} values, not {frame.NetworkWidth} x {frame.NetworkHeight}.", nameof(heatmap));
        using var photo = Image.Load<Rgba32>(photoPath);
        if (photo.Width != frame.PhotoWidth || photo.Height != frame.PhotoHeight)
            throw new InvalidDataException($"Photo '{photoPath}' is {photo.Width} x {photo.Height}, not the {frame.PhotoWidth} x {frame.PhotoHeight} it was scored at.");
        var canvas = new PixelCanvas(photo.Width, photo.Height, new Rgba32(0, 0, 0));
        for (int y = 0; y < photo.Height; y++)
        {
            for (int x = 0; x < photo.Width; x++)
            {
                var pixel = photo[x, y];
                pixel.A = 255;
                canvas[x, y] = frame.TryNetworkPixel(x, y, out int nx, out int ny)
                    ? PixelCanvas.Mix(pixel, JetColormap.Map(heatmap[(ny * frame.NetworkWidth) + nx]), heatmapAlpha)
                    : pixel;
            }
        }
        // Lines and text grow with the photo so they stay visible on large photos.
        int scale = Math.Max(1, Math.Min(photo.Width, photo.Height) / 160);
        if (!photoBox.IsEmpty)
            canvas.DrawRectangle(photoBox.XMin, photoBox.YMin, photoBox.XMax, photoBox.YMax, scale * 2, PanelRenderer.PredictionColor);
        if (!string.IsNullOrEmpty(caption))
            canvas.DrawLabel(0, 0, caption, new Rgba32(255, 255, 255), scale, photo.Width);
        canvas.SavePng(outputPath);
    }
}
