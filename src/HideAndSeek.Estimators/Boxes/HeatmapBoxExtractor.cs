namespace HideAndSeek.Boxes;

/// <summary>
/// Heatmap to box at one threshold, usable on its own for any normalised class activation map (CAM, Grad-CAM, ...):
/// the foreground mask, uint8 quantisation and the boxes of each <see cref="BoxMode"/>. <see cref="HeatmapPreparation"/>
/// turns a raw class map into such a heatmap (upsampling, min-max normalisation).
/// </summary>
/// <remarks>
/// <para>Maps are row-major: value (x, y) is at index <c>y * width + x</c>.</para>
/// <para><b><see cref="LocalizationConvention.Tight"/></b> (the default). Foreground = pixels whose value, widened to
/// double, is strictly greater than <c>threshold * max</c>, where max is the largest finite value of the map;
/// NaN and infinite values are never foreground. Components are 8-connected. Boxes are tight and inclusive: the box of a
/// pixel set is (min x, min y, max x, max y). <see cref="BoxMode.LargestComponent"/> picks the component with the most
/// pixels, the earliest in raster order (of its first pixel) on a tie. <see cref="BoxMode.AllContours"/> gives one box per
/// 8-connected component, in raster order of their first pixels (holes add no box). An empty foreground (a map with no
/// finite value, a constant map after <see cref="HeatmapPreparation.Normalize"/>, or a threshold of 1 or more) gives
/// <see cref="BoundingBox.Empty"/> from <see cref="ExtractBox"/> and no box from <see cref="ExtractBoxes"/>; its IoU with
/// any box is 0. (The seed's <c>cam_to_bbox</c> crashed on an empty foreground.)</para>
/// <para>Why <see cref="ThresholdSweep"/> computes the same boxes a second way: evaluation needs them at 100
/// thresholds for every image, which the sweep does in one pass as the foreground grows; extracting 100 times here
/// would cost a hundred passes. This class stays the direct definition at one threshold, and the reference the sweep
/// is held to (ThresholdSweepTests: equal IoUs at every threshold on random maps, both conventions, all box modes).</para>
/// <para><b><see cref="LocalizationConvention.WsolEvaluation"/></b> reproduces clovaai/wsolevaluation's
/// <c>compute_bboxes_from_scoremaps</c>: the map is quantised with <see cref="Quantize"/>
/// (<c>s8 = floor(255 * s)</c>, computed in double as numpy does on its float64 score maps); foreground =
/// <c>s8 &gt; int(threshold * max(s8))</c> (<c>cv2.threshold(THRESH_BINARY)</c>); the contours are those of
/// <c>cv2.findContours(RETR_TREE, CHAIN_APPROX_SIMPLE)</c>, outer borders of 8-connected components and borders of
/// 4-connected holes alike, traced here by an own implementation of Suzuki-Abe border following; each contour's box is
/// <c>cv2.boundingRect</c>'s <c>(x, y, w, h)</c> turned into <c>(x, y, min(x + w, W - 1), min(y + h, H - 1))</c>, one
/// pixel wider and taller than the tight box unless clipped; <see cref="BoxMode.LargestComponent"/> is the first contour
/// of largest polygon area (<c>cv2.contourArea</c>; a one-pixel-wide region has area 0) in OpenCV's output order, as
/// Python's <c>max</c> picks it; no contour gives the box (0, 0, 0, 0). <see cref="BoxMode.AllForeground"/> (not in
/// wsolevaluation) is the hull of all contours with the same box rule. Differences: wsolevaluation rejects maps with NaN
/// or values outside [0, 1]; here NaN and negative values quantise to 0 and values above 1 to 255.</para>
/// </remarks>
public static class HeatmapBoxExtractor
{
    /// <summary>
    /// Quantises a normalised map to bytes as wsolevaluation does: <c>s8 = floor(255 * s)</c> with the product taken in
    /// double, clamped to [0, 255] (NaN gives 0).
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Quantize(ReadOnlySpan<float> normalized, Span<byte> destination)
    {
        if (normalized.Length != destination.Length)
        {
            throw new ArgumentException("Source and destination must have the same length.", nameof(destination));
        }

        for (int i = 0; i < normalized.Length; i++)
        {
            destination[i] = ThresholdRules.Quantize(normalized[i]);
        }
    }

    /// <summary>
    /// The box of the heatmap at <paramref name="threshold"/> for <see cref="BoxMode.AllForeground"/> or
    /// <see cref="BoxMode.LargestComponent"/>, under <paramref name="convention"/> (see the class remarks for the exact
    /// rules). An empty foreground gives <see cref="BoundingBox.Empty"/> (tight) or (0, 0, 0, 0) (wsolevaluation).
    /// </summary>
    /// <exception cref="ArgumentException">The sizes do not match the heatmap, the threshold is NaN, or the mode is <see cref="BoxMode.AllContours"/>, which yields several boxes: use <see cref="ExtractBoxes"/>.</exception>
    public static BoundingBox ExtractBox(
        ReadOnlySpan<float> heatmap, int height, int width, double threshold, BoxMode mode,
        LocalizationConvention convention = LocalizationConvention.Tight)
    {
        if (mode == BoxMode.AllContours)
        {
            throw new ArgumentException("AllContours yields one box per contour; use ExtractBoxes.", nameof(mode));
        }

        var boxes = ExtractBoxes(heatmap, height, width, threshold, mode, convention);
        return boxes.Length == 0 ? BoundingBox.Empty : boxes[0];
    }

    /// <summary>
    /// Every box of the heatmap at <paramref name="threshold"/> for <paramref name="mode"/> under
    /// <paramref name="convention"/>: one per component or contour for <see cref="BoxMode.AllContours"/>, otherwise at
    /// most one. An empty foreground gives no box (tight) or the single box (0, 0, 0, 0) (wsolevaluation).
    /// </summary>
    /// <exception cref="ArgumentException">The sizes do not match the heatmap or the threshold is NaN.</exception>
    public static BoundingBox[] ExtractBoxes(
        ReadOnlySpan<float> heatmap, int height, int width, double threshold, BoxMode mode,
        LocalizationConvention convention = LocalizationConvention.Tight)
    {
        HeatmapPreparation.CheckMap(heatmap.Length, height, width, nameof(heatmap));
        ThresholdRules.CheckThreshold(threshold, nameof(threshold));
        return convention switch
        {
            LocalizationConvention.Tight => ExtractTight(heatmap, height, width, threshold, mode),
            LocalizationConvention.WsolEvaluation => ExtractWsol(heatmap, height, width, threshold, mode),
            _ => throw new ArgumentOutOfRangeException(nameof(convention), convention, "Unknown convention."),
        };
    }

    /// <summary>
    /// The binary foreground mask (1 = foreground) of the heatmap at <paramref name="threshold"/> under
    /// <paramref name="convention"/>, as used by <see cref="ExtractBoxes"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The sizes do not match or the threshold is NaN.</exception>
    public static void ForegroundMask(
        ReadOnlySpan<float> heatmap, double threshold, Span<byte> mask,
        LocalizationConvention convention = LocalizationConvention.Tight)
    {
        if (mask.Length != heatmap.Length)
        {
            throw new ArgumentException("The mask must have the heatmap's length.", nameof(mask));
        }

        ThresholdRules.CheckThreshold(threshold, nameof(threshold));
        if (convention == LocalizationConvention.WsolEvaluation)
        {
            int max8 = 0;
            foreach (float v in heatmap)
            {
                max8 = Math.Max(max8, ThresholdRules.Quantize(v));
            }

            int cut = ThresholdRules.QuantizedCut(threshold, max8);
            for (int i = 0; i < heatmap.Length; i++)
            {
                mask[i] = ThresholdRules.Quantize(heatmap[i]) > cut ? (byte)1 : (byte)0;
            }

            return;
        }

        if (convention != LocalizationConvention.Tight)
        {
            throw new ArgumentOutOfRangeException(nameof(convention), convention, "Unknown convention.");
        }

        if (!ThresholdRules.TryFiniteMax(heatmap, out double max))
        {
            mask.Clear();
            return;
        }

        double floatCut = ThresholdRules.FloatCut(threshold, max);
        for (int i = 0; i < heatmap.Length; i++)
        {
            float v = heatmap[i];
            mask[i] = float.IsFinite(v) && v > floatCut ? (byte)1 : (byte)0;
        }
    }

    private static BoundingBox[] ExtractTight(ReadOnlySpan<float> heatmap, int height, int width, double threshold, BoxMode mode)
    {
        var mask = new byte[heatmap.Length];
        ForegroundMask(heatmap, threshold, mask, LocalizationConvention.Tight);
        if (mode == BoxMode.AllForeground)
        {
            var hull = Hull(mask, width);
            return hull.IsEmpty ? [] : [hull];
        }

        var components = ConnectedComponents.Find(mask, height, width);
        if (components.Count == 0)
        {
            return [];
        }

        if (mode == BoxMode.AllContours)
        {
            return components.Select(c => c.Box).ToArray();
        }

        CheckMode(mode);
        var largest = components[0];
        foreach (var c in components)
        {
            if (c.PixelCount > largest.PixelCount)
            {
                largest = c; // strict: on a tie the earlier component (raster order) stays
            }
        }

        return [largest.Box];
    }

    private static BoundingBox[] ExtractWsol(ReadOnlySpan<float> heatmap, int height, int width, double threshold, BoxMode mode)
    {
        var mask = new byte[heatmap.Length];
        ForegroundMask(heatmap, threshold, mask, LocalizationConvention.WsolEvaluation);
        var contours = new ContourTracer(height, width).Trace(mask);
        if (contours.Count == 0)
        {
            return [ThresholdRules.NoContourBox];
        }

        switch (mode)
        {
            case BoxMode.AllContours:
                return contours.Select(c => ThresholdRules.WsolBox(c.MinX, c.MinY, c.MaxX, c.MaxY, width, height)).ToArray();
            case BoxMode.LargestComponent:
                {
                    var largest = contours[0];
                    foreach (var c in contours)
                    {
                        if (c.TwiceArea > largest.TwiceArea)
                        {
                            largest = c; // strict: Python's max keeps the first of equal areas
                        }
                    }

                    return [ThresholdRules.WsolBox(largest.MinX, largest.MinY, largest.MaxX, largest.MaxY, width, height)];
                }

            case BoxMode.AllForeground:
                {
                    var hull = Hull(mask, width);
                    return [ThresholdRules.WsolBox(hull.XMin, hull.YMin, hull.XMax, hull.YMax, width, height)];
                }

            default:
                CheckMode(mode);
                return [];
        }
    }

    private static BoundingBox Hull(ReadOnlySpan<byte> mask, int width)
    {
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i] != 0)
            {
                int x = i % width, y = i / width;
                minX = Math.Min(minX, x);
                maxX = Math.Max(maxX, x);
                minY = Math.Min(minY, y);
                maxY = Math.Max(maxY, y);
            }
        }

        return maxX < 0 ? BoundingBox.Empty : new BoundingBox(minX, minY, maxX, maxY);
    }

    private static void CheckMode(BoxMode mode)
    {
        if (mode is not (BoxMode.AllForeground or BoxMode.LargestComponent or BoxMode.AllContours))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown box mode.");
        }
    }
}
