using HideAndSeek.Hiding;
using Microsoft.ML;
using Microsoft.ML.Data;
using SixLabors.ImageSharp.PixelFormats;
using System.Globalization;

namespace HideAndSeek.Visualization;

/// <summary>
/// A picture of what Hide-and-Seek does to training images: the first images of a data set in the top row and the same
/// images as one training epoch sees them (patches hidden) in the bottom row.
/// </summary>
public static class HidingPreview
{
    /// <summary>Gap between tiles and around the grid, in pixels.</summary>
    internal const int Gap = 2;

    private static readonly Rgba32 Background = new(40, 40, 40);

    /// <summary>
    /// Writes the grid as a PNG: <paramref name="count"/> images side by side, originals on top and their hidden versions
    /// (from <see cref="HideAndSeek.TrainingOnly.TrainingOnlyPixelTransformer.TransformForTraining"/>, the masks of one epoch) below, each enlarged
    /// <paramref name="scale"/> times (nearest neighbour) with 2 px gaps, and a caption row naming the patch sizes and
    /// the hiding probability (for example "Hide-and-Seek S=16 p=0.5").
    /// </summary>
    /// <param name="data">Images as <c>ExtractPixels</c> writes them (planar channels, values 0..255), with the column the transformer reads.</param>
    /// <param name="hiding">A fitted hiding step; its output column supplies the hidden images.</param>
    /// <param name="pngPath">Where to write the PNG; the folder is created when needed.</param>
    /// <param name="count">Images to show (fewer when the data has fewer rows). Default 8.</param>
    /// <param name="scale">Enlargement factor, 1 to 32. Default 3.</param>
    /// <param name="pixelColumn">The pixel column of <paramref name="data"/> shown in the top row. Default "Pixels".</param>
    /// <param name="caption">Whether to add the caption row under the grid. Default true.</param>
    /// <returns><paramref name="pngPath"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count or scale out of range, or a pixel column of the wrong type or size.</exception>
    /// <exception cref="InvalidOperationException">The data has no rows.</exception>
    public static string WriteGrid(IDataView data, ImageHidingTransformer hiding, string pngPath, int count = 8, int scale = 3,
        string pixelColumn = "Pixels", bool caption = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(hiding);
        ArgumentException.ThrowIfNullOrWhiteSpace(pngPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(pixelColumn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, 32);
        int channels = hiding.Channels, height = hiding.ImageHeight, width = hiding.ImageWidth;
        if (channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(hiding), $"Only 1- or 3-channel images can be shown; the hiding step was fitted on {channels} channels.");

        var originals = ReadImages(data, pixelColumn, count, channels * height * width);
        if (originals.Count == 0)
            throw new InvalidOperationException("The data has no rows to preview.");
        var hidden = ReadImages(hiding.TransformForTraining(data), hiding.Options.OutputColumnName, originals.Count, channels * height * width);

        var size = GridSize(originals.Count, height, width, scale, caption);
        var canvas = new PixelCanvas(size.Width, size.Height, Background);
        for (int i = 0; i < originals.Count; i++)
        {
            var (left, top) = TileOrigin(i, bottomRow: false, height, width, scale);
            ImageTiles.DrawImage(canvas, AsRgb(originals[i], channels), height, width, left, top, scale);
            (left, top) = TileOrigin(i, bottomRow: true, height, width, scale);
            ImageTiles.DrawImage(canvas, AsRgb(hidden[i], channels), height, width, left, top, scale);
        }
        if (caption)
        {
            int textScale = CaptionScale(scale);
            int top = 3 * Gap + 2 * height * scale + (CaptionHeight(scale) - BitmapFont.GlyphHeight * textScale) / 2;
            string text = CaptionText(hiding);
            string withRows = text + "   top: input, bottom: hidden";
            int room = size.Width - 2 * Gap - 2 * textScale;
            text = BitmapFont.Measure(withRows, textScale).Width <= room ? withRows : BitmapFont.Fit(text, room, textScale);
            canvas.DrawText(Gap + textScale, top, text, new Rgba32(255, 255, 255), textScale);
        }
        canvas.SavePng(pngPath);
        return pngPath;
    }

    /// <summary>The caption naming the patch sizes and the hiding probability.</summary>
    internal static string CaptionText(ImageHidingTransformer hiding)
    {
        var sizes = hiding.PatchSizes.Count == 1
            ? hiding.PatchSizes[0].ToString(CultureInfo.InvariantCulture)
            : "{" + string.Join(",", hiding.PatchSizes.Select(s => s.ToString(CultureInfo.InvariantCulture))) + "}";
        return $"Hide-and-Seek S={sizes} p={hiding.Options.HideProbability.ToString("0.###", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The PNG's size for <paramref name="count"/> images of <paramref name="height"/> x <paramref name="width"/>.</summary>
    internal static (int Width, int Height) GridSize(int count, int height, int width, int scale, bool caption) =>
        (count * width * scale + (count + 1) * Gap, 2 * height * scale + 3 * Gap + (caption ? CaptionHeight(scale) : 0));

    /// <summary>Top-left pixel of image <paramref name="index"/> in the top (original) or bottom (hidden) row.</summary>
    internal static (int Left, int Top) TileOrigin(int index, bool bottomRow, int height, int width, int scale) =>
        (Gap + index * (width * scale + Gap), Gap + (bottomRow ? height * scale + Gap : 0));

    /// <summary>Height of the caption row under the grid.</summary>
    internal static int CaptionHeight(int scale) => BitmapFont.GlyphHeight * CaptionScale(scale) + 8;

    private static int CaptionScale(int scale) => Math.Max(1, (scale + 1) / 2);

    private static float[] AsRgb(float[] pixels, int channels) =>
        channels == 3 ? pixels : [.. pixels, .. pixels, .. pixels]; // grey: the one plane in all three channels

    private static List<float[]> ReadImages(IDataView data, string column, int count, int length)
    {
        var col = data.Schema.GetColumnOrNull(column)
            ?? throw new ArgumentOutOfRangeException(nameof(data), $"Hiding preview: pixel column '{column}' not found.");
        if (col.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(data), $"Hiding preview: column '{column}' has type {col.Type}; expected a Single vector from ExtractPixels.");
        var images = new List<float[]>(count);
        using var cursor = data.GetRowCursor(new[] { col });
        var getter = cursor.GetGetter<VBuffer<float>>(col);
        VBuffer<float> buffer = default;
        while (images.Count < count && cursor.MoveNext())
        {
            getter(ref buffer);
            var values = buffer.DenseValues().ToArray();
            if (values.Length != length)
                throw new ArgumentOutOfRangeException(nameof(data), $"Hiding preview: row {cursor.Position} of '{column}' holds {values.Length} values, expected {length}.");
            images.Add(values);
        }
        return images;
    }
}
