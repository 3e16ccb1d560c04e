using HideAndSeek.Boxes;
using HideAndSeek.Photos;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace HideAndSeek.Visualization;

/// <summary>
/// A photo at its own size with the network's heatmap laid over it (each photo pixel takes the heatmap pixel its
/// centre falls in; cropped-away parts stay plain) and a box in the photo's pixels, written as PNG.
/// </summary>
public static class PhotoOverlay
{
    /// <summary>Writes the overlay of one photo to a file.</summary>
    /// <param name="photoPath">The photo file.</param>
    /// <param name="heatmap">The heatmap in the network's pixels (row-major, values in [0, 1]).</param>
    /// <param name="frame">Where the photo lies in the network's input; its network size is the heatmap's.</param>
    /// <param name="photoBox">The box to draw, in the photo's pixels (an empty box draws none).</param>
    /// <param name="caption">Text drawn in the top-left corner (null: none).</param>
    /// <param name="outputPath">The PNG to write (its folder is created).</param>
    /// <param name="heatmapAlpha">Opacity of the heatmap over the photo.</param>
    /// <exception cref="ArgumentException">The heatmap does not hold the frame's network width x height values.</exception>
    public static void Write(string photoPath, ReadOnlySpan<float> heatmap, PhotoFrame frame, BoundingBox photoBox, string? caption,
        string outputPath, float heatmapAlpha = 0.45f) =>
        Draw(photoPath, heatmap, frame, photoBox, caption, heatmapAlpha, int.MaxValue).SavePng(outputPath);

    /// <summary>
    /// Writes the overlay of one photo to a stream as PNG; a photo longer than <paramref name="maxSide"/> pixels is
    /// drawn scaled down to that many on its long side (heatmap and box scaled with it).
    /// </summary>
    /// <param name="photoPath">The photo file.</param>
    /// <param name="heatmap">The heatmap in the network's pixels (row-major, values in [0, 1]).</param>
    /// <param name="frame">Where the photo lies in the network's input; its network size is the heatmap's.</param>
    /// <param name="photoBox">The box to draw, in the photo's pixels (an empty box draws none).</param>
    /// <param name="caption">Text drawn in the top-left corner (null: none).</param>
    /// <param name="output">Where the PNG goes.</param>
    /// <param name="maxSide">The longest side drawn, in pixels.</param>
    /// <param name="heatmapAlpha">Opacity of the heatmap over the photo.</param>
    /// <exception cref="ArgumentException">The heatmap does not hold the frame's network width x height values.</exception>
    public static void Write(string photoPath, ReadOnlySpan<float> heatmap, PhotoFrame frame, BoundingBox photoBox, string? caption,
        Stream output, int maxSide = int.MaxValue, float heatmapAlpha = 0.45f)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        using var image = Draw(photoPath, heatmap, frame, photoBox, caption, heatmapAlpha, maxSide).ToImage();
        image.SaveAsPng(output);
    }

    private static PixelCanvas Draw(string photoPath, ReadOnlySpan<float> heatmap, PhotoFrame frame, BoundingBox photoBox, string? caption,
        float heatmapAlpha, int maxSide)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (heatmap.Length != frame.NetworkWidth * frame.NetworkHeight)
            throw new ArgumentException($"The heatmap holds {heatmap.Length} values, not {frame.NetworkWidth} x {frame.NetworkHeight}.", nameof(heatmap));
        using var photo = Image.Load<Rgba32>(photoPath);
        if (photo.Width != frame.PhotoWidth || photo.Height != frame.PhotoHeight)
            throw new InvalidDataException($"Photo '{photoPath}' is {photo.Width} x {photo.Height}, not the {frame.PhotoWidth} x {frame.PhotoHeight} it was scored at.");
        // A large photo is drawn smaller for a screen: each drawn pixel shows the photo pixel under its centre.
        double shrink = Math.Min(1.0, (double)maxSide / Math.Max(photo.Width, photo.Height));
        int width = Math.Max(1, (int)(photo.Width * shrink)), height = Math.Max(1, (int)(photo.Height * shrink));
        if (width != photo.Width || height != photo.Height)
            photo.Mutate(c => c.Resize(width, height));
        var canvas = new PixelCanvas(width, height, new Rgba32(0, 0, 0));
        for (int y = 0; y < height; y++)
        {
            int photoY = PhotoPixel(y, height, frame.PhotoHeight);
            for (int x = 0; x < width; x++)
            {
                var pixel = photo[x, y];
                pixel.A = 255;
                canvas[x, y] = frame.TryNetworkPixel(PhotoPixel(x, width, frame.PhotoWidth), photoY, out int nx, out int ny)
                    ? PixelCanvas.Mix(pixel, JetColormap.Map(heatmap[(ny * frame.NetworkWidth) + nx]), heatmapAlpha)
                    : pixel;
            }
        }
        // Lines and text grow with the picture so they stay visible on large photos.
        int scale = Math.Max(1, Math.Min(width, height) / 160);
        if (!photoBox.IsEmpty)
        {
            // The drawn pixels that any part of the box's photo pixels falls in.
            canvas.DrawRectangle(Drawn(photoBox.XMin, width, frame.PhotoWidth), Drawn(photoBox.YMin, height, frame.PhotoHeight),
                Drawn(photoBox.XMax + 1, width, frame.PhotoWidth, farEdge: true), Drawn(photoBox.YMax + 1, height, frame.PhotoHeight, farEdge: true),
                scale * 2, PanelRenderer.PredictionColor);
        }
        if (!string.IsNullOrEmpty(caption))
            canvas.DrawLabel(0, 0, caption, new Rgba32(255, 255, 255), scale, width);
        return canvas;
    }

    private static int PhotoPixel(int drawn, int drawnSize, int photoSize) =>
        drawnSize == photoSize ? drawn : Math.Min(photoSize - 1, (int)((drawn + 0.5) * photoSize / drawnSize));

    private static int Drawn(int photoEdge, int drawnSize, int photoSize, bool farEdge = false)
    {
        if (drawnSize == photoSize)
            return farEdge ? photoEdge - 1 : photoEdge;
        double edge = (double)photoEdge * drawnSize / photoSize;
        return farEdge ? Math.Max(0, (int)Math.Ceiling(edge) - 1) : (int)Math.Floor(edge);
    }
}
