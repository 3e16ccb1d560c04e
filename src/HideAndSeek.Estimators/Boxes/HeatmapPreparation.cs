namespace HideAndSeek.Boxes;

/// <summary>
/// Turns a raw class activation map into a heatmap: <see cref="Upsample"/> resizes it to the image, <see cref="Normalize"/>
/// rescales its values to [0, 1] (the localiser does both, in that order, as wsolevaluation does).
/// <see cref="HeatmapBoxExtractor"/> and <see cref="ThresholdSweep"/> take the result. Maps are row-major: value (x, y) is
/// at index <c>y * width + x</c>.
/// </summary>
public static class HeatmapPreparation
{
    /// <summary>
    /// Min-max normalises the map to [0, 1] in place: <c>(v - min) / (max - min)</c> over the finite values, computed in
    /// double. Never throws: a constant map, an empty map, or a map without any finite value becomes all zeros; NaN and
    /// infinite entries in an otherwise valid map are treated as the minimum and become 0.
    /// </summary>
    /// <remarks>wsolevaluation's <c>normalize_scoremap</c> zeroes the whole map when any NaN is present; here only the NaN entries are.</remarks>
    public static void Normalize(Span<float> map)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (float v in map)
        {
            if (float.IsFinite(v))
            {
                if (v < min)
                {
                    min = v;
                }

                if (v > max)
                {
                    max = v;
                }
            }
        }

        if (!(max > min))
        {
            map.Clear();
            return;
        }

        double range = max - min;
        for (int i = 0; i < map.Length; i++)
        {
            float v = map[i];
            map[i] = float.IsFinite(v) ? (float)((v - min) / range) : 0f;
        }
    }

    /// <summary>
    /// Resamples a <paramref name="srcHeight"/> x <paramref name="srcWidth"/> map into a
    /// <paramref name="dstHeight"/> x <paramref name="dstWidth"/> one (up or down) with the rule of
    /// <paramref name="mode"/>; see <see cref="UpsamplingMode"/> for the exact source positions.
    /// </summary>
    /// <exception cref="ArgumentException">A size is not positive or a span's length does not match its size.</exception>
    public static void Upsample(
        ReadOnlySpan<float> src, int srcHeight, int srcWidth, Span<float> dst, int dstHeight, int dstWidth,
        UpsamplingMode mode = UpsamplingMode.Bilinear)
    {
        CheckMap(src.Length, srcHeight, srcWidth, nameof(src));
        CheckMap(dst.Length, dstHeight, dstWidth, nameof(dst));
        if (mode == UpsamplingMode.Nearest)
        {
            UpsampleNearest(src, srcHeight, srcWidth, dst, dstHeight, dstWidth);
            return;
        }

        if (mode != UpsamplingMode.Bilinear)
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown upsampling mode.");
        }

        Span<int> x0 = dstWidth <= 1024 ? stackalloc int[dstWidth] : new int[dstWidth];
        Span<int> x1 = dstWidth <= 1024 ? stackalloc int[dstWidth] : new int[dstWidth];
        Span<float> wx = dstWidth <= 1024 ? stackalloc float[dstWidth] : new float[dstWidth];
        for (int x = 0; x < dstWidth; x++)
        {
            (x0[x], x1[x], wx[x]) = LinearSource(x, srcWidth, dstWidth);
        }

        for (int y = 0; y < dstHeight; y++)
        {
            var (y0, y1, wy) = LinearSource(y, srcHeight, dstHeight);
            var top = src.Slice(y0 * srcWidth, srcWidth);
            var bottom = src.Slice(y1 * srcWidth, srcWidth);
            var row = dst.Slice(y * dstWidth, dstWidth);
            for (int x = 0; x < dstWidth; x++)
            {
                float a = top[x0[x]], b = top[x1[x]], c = bottom[x0[x]], d = bottom[x1[x]];
                float lx = wx[x];
                row[x] = (1f - wy) * ((1f - lx) * a + lx * b) + wy * ((1f - lx) * c + lx * d);
            }
        }
    }

    private static (int Lower, int Upper, float Weight) LinearSource(int dst, int srcSize, int dstSize)
    {
        float scale = (float)srcSize / dstSize;
        float position = Math.Max(0f, (dst + 0.5f) * scale - 0.5f);
        int lower = Math.Min((int)position, srcSize - 1);
        int upper = Math.Min(lower + 1, srcSize - 1);
        return (lower, upper, position - lower);
    }

    private static void UpsampleNearest(ReadOnlySpan<float> src, int srcHeight, int srcWidth, Span<float> dst, int dstHeight, int dstWidth)
    {
        float scaleX = (float)srcWidth / dstWidth, scaleY = (float)srcHeight / dstHeight;
        for (int y = 0; y < dstHeight; y++)
        {
            int sy = Math.Min((int)MathF.Floor(y * scaleY), srcHeight - 1);
            for (int x = 0; x < dstWidth; x++)
            {
                int sx = Math.Min((int)MathF.Floor(x * scaleX), srcWidth - 1);
                dst[y * dstWidth + x] = src[sy * srcWidth + sx];
            }
        }
    }

    /// <summary>Throws unless a map of <paramref name="length"/> values is <paramref name="height"/> x <paramref name="width"/>.</summary>
    internal static void CheckMap(int length, int height, int width, string paramName)
    {
        if (height <= 0 || width <= 0)
        {
            throw new ArgumentException($"Map sizes must be positive; got {height} x {width}.", paramName);
        }

        if ((long)height * width != length)
        {
            throw new ArgumentException($"The map holds {length} values, not {height} x {width}.", paramName);
        }
    }
}
