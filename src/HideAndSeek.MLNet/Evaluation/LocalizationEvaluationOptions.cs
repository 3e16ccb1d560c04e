
using HideAndSeek.Boxes;

namespace HideAndSeek.Evaluation;

/// <summary>Options of <see cref="LocalizationCatalog.Evaluate(Microsoft.ML.IDataView, LocalizationEvaluationOptions?)"/>.</summary>
public sealed class LocalizationEvaluationOptions
{
    /// <summary>The key label column. Default "Label".</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The class probabilities. Default "Score".</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>Ground-truth boxes: 4 floats (xmin, ymin, xmax, ymax, inclusive), or 4n for n boxes. Default "Box".</summary>
    public string BoxColumnName { get; set; } = "Box";

    /// <summary>The ground-truth class's heatmap written by LocalizeWithCam. Default "GroundTruthHeatmap".</summary>
    public string GroundTruthHeatmapColumnName { get; set; } = "GroundTruthHeatmap";

    /// <summary>
    /// Heatmap height and width; null (default) takes them from the pixel column's dimensions, else from a square
    /// heatmap's length.
    /// </summary>
    public (int Height, int Width)? ImageSize { get; set; }

    /// <summary>The pixel column the image size is read from when <see cref="ImageSize"/> is null. Default "Pixels".</summary>
    public string PixelColumnName { get; set; } = "Pixels";

    /// <summary>The seed protocol's CAM thresholds, each reported. Default {0.2, 0.3, 0.4, 0.5}.</summary>
    public IReadOnlyList<double> Thresholds { get; set; } = LocalizationThresholds.Seed;

    /// <summary>How boxes are drawn for the seed protocol. Default <see cref="BoxMode.AllForeground"/> (the seed).</summary>
    public BoxMode BoxMode { get; set; } = BoxMode.AllForeground;

    /// <summary>IoU a box needs to count as correct in the seed protocol. Default 0.5.</summary>
    public double IoUThreshold { get; set; } = 0.5;

    /// <summary>Compute MaxBoxAcc (V1) and MaxBoxAccV2 with a full threshold sweep. Default true.</summary>
    public bool ComputeMaxBoxAcc { get; set; } = true;

    /// <summary>Thresholds of the MaxBoxAcc sweep. Default 0, 0.01, ..., 0.99 (wsolevaluation).</summary>
    public IReadOnlyList<double> SweepThresholds { get; set; } = LocalizationThresholds.WsolEvaluation();

    /// <summary>IoU percentages MaxBoxAccV2 averages over. Default {30, 50, 70}.</summary>
    public IReadOnlyList<int> IoUPercents { get; set; } = LocalizationThresholds.WsolEvaluationIoUPercents;

    /// <summary>
    /// Box conventions of the MaxBoxAcc sweep. Default <see cref="LocalizationConvention.Tight"/>; choose
    /// <see cref="LocalizationConvention.WsolEvaluation"/> to put numbers beside wsolevaluation's published tables.
    /// </summary>
    public LocalizationConvention MaxBoxAccConvention { get; set; } = LocalizationConvention.Tight;

    /// <summary>
    /// Area fraction of the centre-box baseline for GT-known localisation. Default null: the fraction with the best
    /// GT-known localisation, chosen like the CAM threshold (on the selection split when one is given, else on the
    /// evaluated split). A value fixes it. The baseline's MaxBoxAccV2 always takes the best fraction per IoU level.
    /// </summary>
    public double? CentreBoxAreaFraction { get; set; }

    /// <summary>
    /// Object masks for PxAP: a text column of mask file paths (non-zero = object; what <c>LoadTinyImageNet</c> gives
    /// as <c>MaskPath</c> when the dataset has masks) or a vector of H x W singles (&gt; 0.5 = object). When the data
    /// has no such column (or the name is null) PxAP is not computed. Default "MaskPath".
    /// </summary>
    public string? MaskColumnName { get; set; } = "MaskPath";

    /// <summary>
    /// The photo geometry column written by <c>ml.Transforms.PreparePhotos</c> (photo width, photo height, resizing
    /// code). When the data has it, boxes are scored in the photo's own pixels: the <see cref="BoxColumnName"/> boxes
    /// are photo pixels (checked against each photo's size), predicted boxes are mapped to the photo before IoU, mask
    /// files (at the photo's size) are sampled at the heatmap pixels' centres (padding counts as background), and the
    /// centred-box baseline uses the photo's size. Default "PhotoGeometry"; without the column everything is in the
    /// heatmap's pixels.
    /// </summary>
    public string PhotoGeometryColumnName { get; set; } = "PhotoGeometry";

    /// <summary>
    /// Boxes of a part of the object (4 floats per box, like <see cref="BoxColumnName"/>; an empty vector when the image
    /// has none), e.g. the pet heads that <c>LoadImageManifest</c> gives from <c>head_*</c> columns. When the data has
    /// the column, the evaluation reports where the heatmap's mass lies: in the part, in the rest of the object, outside
    /// (<see cref="LocalizationMetrics.PartMass"/>). Default "PartBox".
    /// </summary>
    public string? PartBoxColumnName { get; set; } = "PartBox";

    /// <summary>Threshold step of PxAP's precision-recall curve: wsolevaluation's <c>cam_curve_interval</c>. Default 0.001.</summary>
    public double PxapThresholdInterval { get; set; } = PixelAveragePrecisionAccumulator.DefaultInterval;
}
