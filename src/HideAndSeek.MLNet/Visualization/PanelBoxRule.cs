using HideAndSeek.Boxes;
using HideAndSeek.Evaluation;
using System.Globalization;

namespace HideAndSeek.Visualization;

/// <summary>
/// Where the panels' predicted boxes come from: drawn from the heatmap at a threshold and box mode (the evaluation's
/// selected threshold, or one the caller names), or read from the predicted box column as the localiser wrote it.
/// </summary>
/// <param name="Threshold">CAM threshold the boxes are drawn at; null reads the predicted box column.</param>
/// <param name="Mode">Box mode used with <paramref name="Threshold"/>.</param>
/// <param name="Source">Why this threshold, for the page ("selected by the evaluation ...").</param>
internal sealed record PanelBoxRule(double? Threshold, BoxMode Mode, string Source)
{
    /// <summary>
    /// The caller's <see cref="VisualizationOptions.BoxThreshold"/> first, then the threshold <paramref name="metrics"/>
    /// selected (so that a page shows the boxes its metrics table scores), else the predicted box column.
    /// </summary>
    public static PanelBoxRule Resolve(VisualizationOptions options, LocalizationMetrics? metrics)
    {
        var mode = options.BoxMode ?? metrics?.BoxMode ?? BoxMode.AllForeground;
        if (options.BoxThreshold is double threshold)
            return new PanelBoxRule(threshold, mode, options.BoxThresholdSource ?? "set by the caller");
        if (metrics is not null)
        {
            string where = metrics.ThresholdSelectedOnSelectionSplit
                ? "the selection split" + (metrics.SelectionCount is long n ? $" ({n.ToString(CultureInfo.InvariantCulture)} images)" : "")
                : "the evaluated split itself";
            return new PanelBoxRule(metrics.SelectedThreshold.Threshold, mode,
                $"the threshold the evaluation selected (best GT-known localisation on {where}), as scored in the table");
        }
        return new PanelBoxRule(null, mode, "as the localiser wrote them (the model's own threshold)");
    }

    /// <summary>
    /// The boxes of <paramref name="heatmap"/> as the evaluation's seed protocol draws them: min-max normalised, tight
    /// boxes at <see cref="Threshold"/> with <see cref="Mode"/> (several for <see cref="BoxMode.AllContours"/>, each
    /// competing for the IoU); none for an empty foreground.
    /// </summary>
    public BoundingBox[] Boxes(ReadOnlySpan<float> heatmap, int height, int width)
    {
        if (Threshold is not double threshold)
            throw new InvalidOperationException("This rule reads the predicted box column.");
        var normalized = heatmap.ToArray();
        HeatmapPreparation.Normalize(normalized);
        return HeatmapBoxExtractor.ExtractBoxes(normalized, height, width, threshold, Mode, LocalizationConvention.Tight);
    }

    /// <summary>"t=0.50", the short form on a panel; null when the boxes come from the column.</summary>
    public string? PanelText => Threshold is double t ? "t=" + t.ToString("0.00", CultureInfo.InvariantCulture) : null;

    /// <summary>The sentence the page states about the green boxes.</summary>
    public string PageText => Threshold is double t
        ? $"Predicted boxes at CAM threshold {t.ToString("0.00", CultureInfo.InvariantCulture)} ({BoxModeText(Mode)}): {Source}."
        : $"Predicted boxes {Source}.";

    private static string BoxModeText(BoxMode mode) => mode switch
    {
        BoxMode.LargestComponent => "box of the largest component",
        BoxMode.AllContours => "one box per contour, the best one counts",
        _ => "box around all foreground",
    };
}
