namespace HideAndSeek.Boxes;

/// <summary>How <see cref="HeatmapPreparation.Upsample"/> resamples a heatmap.</summary>
public enum UpsamplingMode
{
    /// <summary>
    /// Bilinear with half-pixel centres (<c>align_corners = false</c>): the value at output pixel d is read at source
    /// position <c>max(0, (d + 0.5) * in / out - 0.5)</c>, like <c>torch.nn.functional.interpolate(mode='bilinear',
    /// align_corners=False)</c> and <c>cv2.resize(INTER_LINEAR)</c> on float maps.
    /// </summary>
    Bilinear = 0,

    /// <summary>
    /// Nearest neighbour: output pixel d copies source pixel <c>min(floor(d * in / out), in - 1)</c>, like
    /// <c>interpolate(mode='nearest')</c> and <c>cv2.resize(INTER_NEAREST)</c>.
    /// </summary>
    Nearest = 1,
}
