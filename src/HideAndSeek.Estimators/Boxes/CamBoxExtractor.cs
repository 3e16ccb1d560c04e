namespace HideAndSeek.Boxes;

/// <summary>
/// The former name of <see cref="HeatmapPreparation"/> (normalising, upsampling) and <see cref="HeatmapBoxExtractor"/>
/// (quantising, boxes); kept so that code written against it still builds.
/// </summary>
[Obsolete("Use HeatmapPreparation (Normalize, Upsample) and HeatmapBoxExtractor (Quantize, ExtractBox, ExtractBoxes, ForegroundMask).")]
public static class CamBoxExtractor
{
    /// <inheritdoc cref="HeatmapPreparation.Normalize"/>
    public static void Normalize(Span<float> map) => HeatmapPreparation.Normalize(map);

    /// <inheritdoc cref="HeatmapPreparation.Upsample"/>
    public static void Upsample(
        ReadOnlySpan<float> src, int srcHeight, int srcWidth, Span<float> dst, int dstHeight, int dstWidth,
        UpsamplingMode mode = UpsamplingMode.Bilinear) =>
        HeatmapPreparation.Upsample(src, srcHeight, srcWidth, dst, dstHeight, dstWidth, mode);

    /// <inheritdoc cref="HeatmapBoxExtractor.Quantize"/>
    public static void Quantize(ReadOnlySpan<float> normalized, Span<byte> destination) =>
        HeatmapBoxExtractor.Quantize(normalized, destination);

    /// <inheritdoc cref="HeatmapBoxExtractor.ExtractBox"/>
    public static BoundingBox ExtractBox(
        ReadOnlySpan<float> heatmap, int height, int width, double threshold, BoxMode mode,
        LocalizationConvention convention = LocalizationConvention.Tight) =>
        HeatmapBoxExtractor.ExtractBox(heatmap, height, width, threshold, mode, convention);

    /// <inheritdoc cref="HeatmapBoxExtractor.ExtractBoxes"/>
    public static BoundingBox[] ExtractBoxes(
        ReadOnlySpan<float> heatmap, int height, int width, double threshold, BoxMode mode,
        LocalizationConvention convention = LocalizationConvention.Tight) =>
        HeatmapBoxExtractor.ExtractBoxes(heatmap, height, width, threshold, mode, convention);

    /// <inheritdoc cref="HeatmapBoxExtractor.ForegroundMask"/>
    public static void ForegroundMask(
        ReadOnlySpan<float> heatmap, double threshold, Span<byte> mask,
        LocalizationConvention convention = LocalizationConvention.Tight) =>
        HeatmapBoxExtractor.ForegroundMask(heatmap, threshold, mask, convention);
}
