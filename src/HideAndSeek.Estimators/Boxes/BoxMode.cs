namespace HideAndSeek.Boxes;

/// <summary>How boxes are drawn around the foreground of a thresholded heatmap.</summary>
public enum BoxMode
{
    /// <summary>
    /// One box around every foreground pixel (the seed's <c>cam_to_bbox</c>, whose <c>ndimage.find_objects</c> on the
    /// unlabelled binary mask yields the hull of all foreground pixels).
    /// </summary>
    AllForeground = 0,

    /// <summary>
    /// The box of the largest 8-connected component (the CAM paper). Tight convention: largest by pixel count.
    /// wsolevaluation convention: the contour with the largest polygon area (<c>cv2.contourArea</c>), as for MaxBoxAcc V1.
    /// </summary>
    LargestComponent = 1,

    /// <summary>
    /// One box per component (wsolevaluation's <c>multi_contour_eval</c>, MaxBoxAccV2): an image counts as localised when
    /// its best box is. Tight convention: one box per 8-connected component. wsolevaluation convention: one box per
    /// contour of <c>cv2.findContours(RETR_TREE)</c>, which includes the borders of holes.
    /// </summary>
    AllContours = 2,
}
