using HideAndSeek.Boxes;

namespace HideAndSeek.Visualization;

/// <summary>Options of <see cref="LocalizationVisualizer.WritePanels"/>.</summary>
public sealed class VisualizationOptions
{
    /// <summary>How many images to draw (fewer when the data has fewer rows). Default 16.</summary>
    public int Count { get; set; } = 16;

    /// <summary>Enlargement factor of each tile, 1 to 32 (nearest neighbour): 4 turns a 64 px image into a 256 px tile. Default 4.</summary>
    public int Scale { get; set; } = 4;

    /// <summary>Which rows to draw. Default <see cref="PanelSelection.First"/>.</summary>
    public PanelSelection Selection { get; set; } = PanelSelection.First;

    /// <summary>Seed of <see cref="PanelSelection.Random"/>. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>The image: planar R, G, B floats in 0..255 as <c>ExtractPixels</c> writes them (C x H x W). Default "Pixels".</summary>
    public string PixelColumnName { get; set; } = "Pixels";

    /// <summary>
    /// The true class: a key whose names come from its KeyValues annotation (or text). Drawn as "label: ..."; skipped when
    /// the column is absent. Default "Label".
    /// </summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The predicted class (a key, as a multiclass trainer writes it); skipped when absent. Default "PredictedLabel".</summary>
    public string PredictedLabelColumnName { get; set; } = "PredictedLabel";

    /// <summary>Class probabilities; the predicted class's probability is printed when present. Default "Score".</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>
    /// Ground-truth box(es): 4 floats per box (xmin, ymin, xmax, ymax, inclusive pixels). When the column is absent, no red
    /// box and no IoU are drawn and IoU selections are refused. Default "Box".
    /// </summary>
    public string BoxColumnName { get; set; } = "Box";

    /// <summary>The CAM heatmap: H x W floats in [0, 1], row-major (the localiser's output). Default "Heatmap".</summary>
    public string HeatmapColumnName { get; set; } = "Heatmap";

    /// <summary>The predicted box: 4 floats, inclusive pixels (the localiser's output); skipped when absent. Default "PredictedBox".</summary>
    public string PredictedBoxColumnName { get; set; } = "PredictedBox";

    /// <summary>
    /// The photo geometry column of <c>PreparePhotos</c>; when present, the ground-truth boxes are in the photo's pixels
    /// and are mapped to the panel's (the network's) pixels before they are drawn and scored. Default "PhotoGeometry".
    /// </summary>
    public string PhotoGeometryColumnName { get; set; } = "PhotoGeometry";

    /// <summary>
    /// Display names by class key value, e.g. Tiny ImageNet's wnid to its first words.txt entry ("n02165456" to
    /// "ladybug"), for the true and the predicted class; a class not listed shows its key value. Default null (key values).
    /// </summary>
    public IReadOnlyDictionary<string, string>? ClassNames { get; set; }

    /// <summary>
    /// CAM threshold at which the predicted boxes are drawn from the heatmap column (min-max normalised, tight boxes, as
    /// the evaluation scores them). Default null: the threshold the metrics passed to
    /// <see cref="LocalizationVisualizer.WritePanels"/> selected, so that the pictures show what the metrics score; without
    /// metrics, the predicted box column as the localiser wrote it (the model's own threshold). The page and each panel
    /// state the threshold used.
    /// </summary>
    public double? BoxThreshold { get; set; }

    /// <summary>
    /// Box mode used when boxes are drawn at a threshold. Default null: the box mode of the metrics (the one the
    /// evaluation scored), else <see cref="Boxes.BoxMode.AllForeground"/>. With <see cref="Boxes.BoxMode.AllContours"/>
    /// every contour's box is drawn and the best IoU is reported, as the evaluation counts it.
    /// </summary>
    public BoxMode? BoxMode { get; set; }

    /// <summary>
    /// What the page says about where <see cref="BoxThreshold"/> comes from, e.g. "the model's own threshold". Default
    /// null ("set by the caller").
    /// </summary>
    public string? BoxThresholdSource { get; set; }

    /// <summary>Weight of the jet heatmap in the overlay tile, 0 (image only) to 1 (heatmap only). Default 0.5.</summary>
    public float JetAlpha { get; set; } = 0.5f;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Count, nameof(Count));
        if (Scale is < 1 or > 32)
            throw new ArgumentOutOfRangeException(nameof(Scale), Scale, "Scale must be between 1 and 32.");
        if (!Enum.IsDefined(Selection))
            throw new ArgumentOutOfRangeException(nameof(Selection), Selection, "Unknown selection.");
        if (!(JetAlpha >= 0f && JetAlpha <= 1f))
            throw new ArgumentOutOfRangeException(nameof(JetAlpha), JetAlpha, "JetAlpha must be in [0, 1].");
        if (BoxThreshold is double threshold && !(threshold >= 0 && threshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(BoxThreshold), threshold, "BoxThreshold must be in [0, 1].");
        if (BoxMode is { } mode && !Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(BoxMode), mode, "Unknown box mode.");
        foreach (var (name, value) in new[]
        {
            (nameof(PixelColumnName), PixelColumnName), (nameof(LabelColumnName), LabelColumnName),
            (nameof(PredictedLabelColumnName), PredictedLabelColumnName), (nameof(ScoreColumnName), ScoreColumnName),
            (nameof(BoxColumnName), BoxColumnName), (nameof(HeatmapColumnName), HeatmapColumnName),
            (nameof(PredictedBoxColumnName), PredictedBoxColumnName),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
                throw new ArgumentException($"{name} must name a column.", name);
        }
    }
}
