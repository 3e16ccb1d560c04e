namespace HideAndSeek.Boxes;

/// <summary>
/// The foreground and box rules of both conventions, in one place so that <see cref="HeatmapBoxExtractor"/> and
/// <see cref="ThresholdSweep"/> cannot drift apart.
/// </summary>
internal static class ThresholdRules
{
    /// <summary>wsolevaluation's box when no contour is found.</summary>
    public static readonly BoundingBox NoContourBox = new(0, 0, 0, 0);

    /// <summary>
    /// <c>(scoremap * 255).astype(np.uint8)</c> on a float64 score map: the float value widened to double, times 255,
    /// truncated. NaN and values below 0 give 0, values above 1 give 255 (wsolevaluation refuses such maps).
    /// </summary>
    public static byte Quantize(float value)
    {
        double scaled = value * 255.0;
        if (!(scaled > 0.0))
        {
            return 0;
        }

        return scaled >= 255.0 ? (byte)255 : (byte)(int)scaled;
    }

    /// <summary>
    /// wsolevaluation's cut <c>int(threshold * np.max(scoremap_image))</c> (a double product, truncated towards zero);
    /// foreground is <c>s8 &gt; cut</c>. Clamped to [-1, 255], which keeps every comparison's outcome.
    /// </summary>
    public static int QuantizedCut(double threshold, int max8)
    {
        double product = threshold * max8;
        return (int)Math.Clamp(product, -1.0, 255.0);
    }

    /// <summary>The tight convention's cut: foreground is <c>(double)value &gt; threshold * max</c>.</summary>
    public static double FloatCut(double threshold, double max) => threshold * max;

    /// <summary>Largest finite value of the map; false when it has none.</summary>
    public static bool TryFiniteMax(ReadOnlySpan<float> map, out double max)
    {
        float best = float.NegativeInfinity;
        bool any = false;
        foreach (float v in map)
        {
            if (float.IsFinite(v))
            {
                any = true;
                if (v > best)
                {
                    best = v;
                }
            }
        }

        max = best;
        return any;
    }

    /// <summary>
    /// wsolevaluation's box of a contour whose pixels span [minX, maxX] x [minY, maxY]: <c>cv2.boundingRect</c> gives
    /// <c>(x, y, w, h)</c> with <c>w = maxX - minX + 1</c>; the box is <c>(x, y, min(x + w, W - 1), min(y + h, H - 1))</c>.
    /// </summary>
    public static BoundingBox WsolBox(int minX, int minY, int maxX, int maxY, int width, int height) =>
        new(minX, minY, Math.Min(maxX + 1, width - 1), Math.Min(maxY + 1, height - 1));

    /// <summary>
    /// wsolevaluation's box of the border of a hole whose background pixels span [minX, maxX] x [minY, maxY]: the
    /// border runs through the foreground pixels 4-adjacent to the hole, one pixel further out on every side.
    /// </summary>
    public static BoundingBox WsolHoleBox(int minX, int minY, int maxX, int maxY, int width, int height) =>
        WsolBox(minX - 1, minY - 1, maxX + 1, maxY + 1, width, height);

    /// <summary>Throws when a threshold is NaN (every comparison with it would be false).</summary>
    public static void CheckThreshold(double threshold, string paramName)
    {
        if (double.IsNaN(threshold))
        {
            throw new ArgumentException("A threshold must not be NaN.", paramName);
        }
    }
}
