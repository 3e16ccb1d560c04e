
using HideAndSeek.Boxes;

namespace HideAndSeek.Visualization;

/// <summary>The IoU a panel reports and ranks by: the predicted boxes against the best-matching ground-truth box.</summary>
internal static class PanelIoU
{
    /// <summary>
    /// The best <see cref="BoundingBox.MaxIoU"/> over the predicted boxes (inclusive convention), as the evaluation counts
    /// several contours; null without ground truth or without predicted boxes in the data. No predicted box scores 0.
    /// </summary>
    public static double? Of(BoundingBox[] groundTruth, BoundingBox[]? predicted)
    {
        if (groundTruth.Length == 0 || predicted is null)
            return null;
        double best = 0;
        foreach (var box in predicted)
            best = Math.Max(best, BoundingBox.MaxIoU(box, groundTruth));
        return best;
    }
}
