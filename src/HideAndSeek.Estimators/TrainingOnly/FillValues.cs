using HideAndSeek.PixelColumns;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.TrainingOnly;

/// <summary>
/// The per-channel values that training-only pixel steps (hiding, augmentation) write into pixels they blank out:
/// a user constant or the mean pixel of the training data.
/// </summary>
internal static class FillValues
{
    /// <summary>One value for every channel, or one value per channel.</summary>
    public static float[] Constant(IReadOnlyList<float> values, int channels)
    {
        if (values.Count == 1)
            return Enumerable.Repeat(values[0], channels).ToArray();
        if (values.Count != channels)
            throw new ArgumentException($"FillValue needs 1 or {channels} values, got {values.Count}.");
        return values.ToArray();
    }

    /// <summary>Mean of each channel over the training images (double accumulation).</summary>
    public static float[] DatasetMean(IDataView data, string column, PixelColumnShape shape, int? maxRows, string component)
    {
        var col = data.Schema[column];
        var sums = new double[shape.Channels];
        long rows = 0;
        // A shuffled sample when only part of the data is read, so class-ordered data does not bias the mean.
        var random = maxRows is not null && data.CanShuffle ? new Random(0) : null;
        using (var cursor = data.GetRowCursor(new[] { col }, random))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(col);
            VBuffer<float> buffer = default;
            int plane = shape.Height * shape.Width;
            var dense = new float[shape.Length];
            while ((maxRows is null || rows < maxRows) && cursor.MoveNext())
            {
                getter(ref buffer);
                if (!shape.KnownSize)
                    shape.CheckRow(buffer.Length, column, cursor.Position, component);
                PixelVectors.CopyDense(buffer, dense);
                ReadOnlySpan<float> values = dense;
                for (int c = 0; c < shape.Channels; c++)
                {
                    double sum = 0;
                    foreach (var v in values.Slice(c * plane, plane))
                        sum += v;
                    sums[c] += sum / plane;
                }
                rows++;
            }
        }
        if (rows == 0)
            throw new InvalidOperationException($"{component}: the training data has no rows, so the mean pixel cannot be computed.");
        return sums.Select(s => (float)(s / rows)).ToArray();
    }
}
