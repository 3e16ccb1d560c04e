
using HideAndSeek.Boxes;

namespace HideAndSeek.Visualization;

/// <summary>What one panel shows about one scored row.</summary>
/// <param name="RowIndex">Zero-based position of the row in the scored data.</param>
/// <param name="Pixels">Planar RGB values (3 x H x W, 0..255).</param>
/// <param name="Heatmap">H x W heatmap values in [0, 1].</param>
/// <param name="LabelName">Name of the true class, or null without a label.</param>
/// <param name="PredictedName">Name of the predicted class, or null without a prediction.</param>
/// <param name="Probability">Probability of the predicted class, or null without scores.</param>
/// <param name="GroundTruth">Ground-truth boxes (clipped to the image); empty without them.</param>
/// <param name="PredictedBoxes">The predicted boxes (clipped; none for an empty prediction; several only for all contours), or null when the data gives none.</param>
internal sealed record PanelRow(long RowIndex, float[] Pixels, float[] Heatmap, string? LabelName, string? PredictedName,
    float? Probability, BoundingBox[] GroundTruth, BoundingBox[]? PredictedBoxes)
{
    /// <summary>IoU of the predicted box with the best-matching ground-truth box; null when either is missing.</summary>
    public double? IoU => PanelIoU.Of(GroundTruth, PredictedBoxes);

    /// <summary>Whether the prediction names the true class (false when either is unknown).</summary>
    public bool IsCorrect => LabelName is not null && PredictedName is not null && LabelName == PredictedName;
}
