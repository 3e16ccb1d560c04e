namespace HideAndSeek.Boxes;

/// <summary>Which conventions turn a heatmap into boxes; see <see cref="HeatmapBoxExtractor"/> for the exact rules.</summary>
public enum LocalizationConvention
{
    /// <summary>
    /// The default: foreground = value &gt; t * max on the float map (strict), tight inclusive boxes, 8-connected
    /// components by pixel count, no box for an empty foreground.
    /// </summary>
    Tight = 0,

    /// <summary>
    /// clovaai/wsolevaluation's conventions, so that numbers can stand beside published MaxBoxAcc tables: the map is
    /// quantised to uint8, foreground = s8 &gt; int(t * max s8), contours as <c>cv2.findContours(RETR_TREE,
    /// CHAIN_APPROX_SIMPLE)</c>, boxes from <c>cv2.boundingRect</c> one pixel wider and clipped, the largest contour by
    /// polygon area, and the box (0, 0, 0, 0) when there is no contour.
    /// </summary>
    WsolEvaluation = 1,
}
