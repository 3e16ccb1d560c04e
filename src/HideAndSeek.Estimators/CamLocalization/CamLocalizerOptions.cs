using HideAndSeek.Boxes;

namespace HideAndSeek.CamLocalization;

/// <summary>Options of the CAM localiser (<c>ml.Transforms.LocalizeWithCam</c>).</summary>
public sealed class CamLocalizerOptions
{
    /// <summary>The classifier's CAM feature map column. Default "CamFeatures".</summary>
    public string FeatureMapColumnName { get; set; } = "CamFeatures";

    /// <summary>The classifier's class probabilities. Default "Score".</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>
    /// The key label column, used for <see cref="CamClassSelection.GroundTruth"/> and for the ground-truth heatmap
    /// that GT-known evaluation reads. When it is absent from the data the localiser is fitted on, no ground-truth
    /// heatmap is produced. Null disables both. Default "Label".
    /// </summary>
    public string? LabelColumnName { get; set; } = "Label";

    /// <summary>The pixel column, read only by the multi-crop test. Default "Pixels".</summary>
    public string PixelColumnName { get; set; } = "Pixels";

    /// <summary>Output: the heatmap (H x W floats in [0, 1], row-major, the input resolution). Default "Heatmap".</summary>
    public string HeatmapColumnName { get; set; } = "Heatmap";

    /// <summary>Output: the predicted box (xmin, ymin, xmax, ymax, inclusive pixels). Default "PredictedBox".</summary>
    public string BoxColumnName { get; set; } = "PredictedBox";

    /// <summary>
    /// Input: the photo's geometry (photo width, photo height, resizing code: Vector&lt;Single, 3&gt;, written by
    /// <c>ml.Transforms.PreparePhotos</c>). When the input has it, the localiser also writes
    /// <see cref="PhotoBoxColumnName"/>. Default "PhotoGeometry".
    /// </summary>
    public string PhotoGeometryColumnName { get; set; } = "PhotoGeometry";

    /// <summary>
    /// Output, with a <see cref="PhotoGeometryColumnName"/> input: the predicted box in the photo's own pixels
    /// (xmin, ymin, xmax, ymax, inclusive, clipped to the photo; (0, 0, -1, -1) when the box lies on padding only).
    /// Default "PhotoBox".
    /// </summary>
    public string PhotoBoxColumnName { get; set; } = "PhotoBox";

    /// <summary>Output: the class the heatmap belongs to, as a key with the label's key values. Default "CamClass".</summary>
    public string CamClassColumnName { get; set; } = "CamClass";

    /// <summary>Output: the ground-truth class's heatmap (H x W). Default "GroundTruthHeatmap".</summary>
    public string GroundTruthHeatmapColumnName { get; set; } = "GroundTruthHeatmap";

    /// <summary>Output: the heatmaps of the <see cref="TopK"/> best classes, best first (k x H x W). Default "TopKHeatmaps".</summary>
    public string TopKHeatmapsColumnName { get; set; } = "TopKHeatmaps";

    /// <summary>Which class the heatmap and box are for. Default the predicted top-1 class.</summary>
    public CamClassSelection ClassSelection { get; set; } = CamClassSelection.PredictedTop1;

    /// <summary>
    /// Heatmaps of this many best classes go to <see cref="TopKHeatmapsColumnName"/>, best first; 1 or less produces no
    /// such column. Default 1: localisation metrics need only the ground-truth class's map (Top-5 localisation counts
    /// the ground-truth class's box when that class is among the top 5), and each extra map costs time per row.
    /// </summary>
    public int TopK { get; set; } = 1;

    /// <summary>
    /// Foreground = heatmap &gt; Threshold (the heatmap's maximum is 1). Default 0.2, the paper's value for AlexNet-style
    /// networks (the seed reports 0.2 to 0.5; evaluation sweeps them).
    /// </summary>
    public float Threshold { get; set; } = 0.2f;

    /// <summary>
    /// How the box is drawn around the foreground. Default <see cref="BoxMode.AllForeground"/> (the seed).
    /// <see cref="BoxMode.AllContours"/> gives several boxes; the column then holds the box of the component that
    /// contains the heatmap's peak (evaluation uses every contour for MaxBoxAccV2).
    /// </summary>
    public BoxMode BoxMode { get; set; } = BoxMode.AllForeground;

    /// <summary>Tight inclusive boxes (default) or wsolevaluation's conventions.</summary>
    public LocalizationConvention Convention { get; set; } = LocalizationConvention.Tight;

    /// <summary>How the h x w class activation map is resized to the image. Default bilinear.</summary>
    public UpsamplingMode Upsampling { get; set; } = UpsamplingMode.Bilinear;

    /// <summary>
    /// The seed's ten-crop test: the four corners and the centre at <see cref="CropFraction"/> of the image side and
    /// their mirror images are scored; class probabilities are averaged (the localiser then also writes Score and
    /// PredictedLabel, replacing the single-view ones) and each class map is pasted back and averaged by coverage.
    /// Ten network passes per image. Default false.
    /// </summary>
    public bool MultiCrop { get; set; }

    /// <summary>Side of each crop relative to the image side, for <see cref="MultiCrop"/>. Default 0.75.</summary>
    public double CropFraction { get; set; } = 0.75;

    /// <summary>Output names of the multi-crop Score and PredictedLabel. Default "Score" and "PredictedLabel".</summary>
    public string MultiCropScoreColumnName { get; set; } = "Score";

    /// <summary>See <see cref="MultiCropScoreColumnName"/>.</summary>
    public string MultiCropPredictedLabelColumnName { get; set; } = "PredictedLabel";

    internal CamLocalizerOptions Clone() => (CamLocalizerOptions)MemberwiseClone();
}
