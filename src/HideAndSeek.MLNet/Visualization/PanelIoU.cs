
using HideAndSeek.Boxes;

namespace HideAndSeek.Visualization;

/// <summary>The IoU a panel reports and ranks by: the predicted box against the best-matching ground-truth box.</summary>
internal static class PanelIoU
{
    /// <summary>
    /// <see cref="BoundingBox.MaxIoU"/> of the predicted box (inclusive convention); null without ground truth or
    /// without a predicted box column. An empty predicted box scores 0.
    /// </summary>
    public static double? Of(BoundingBox[] groundTruth, BoundingBox? predicted) =>
        groundTruth.Length == 0 || predicted is not { } box ? null : BoundingBox.MaxIoU(box, groundTruth);
}
