using HideAndSeek.Boxes;
using System.Globalization;
using System.Text;

namespace HideAndSeek.Evaluation;

/// <summary>
/// Classification and localisation quality of a scored data set: the seed protocol at each CAM threshold,
/// wsolevaluation's MaxBoxAcc and MaxBoxAccV2, and a centre-box baseline. All values are shares in [0, 1].
/// </summary>
public sealed class LocalizationMetrics
{
    internal LocalizationMetrics(long count, double top1, double top5, IReadOnlyList<ThresholdMetrics> perThreshold,
        int selectedIndex, bool selectedOnSelectionSplit, IReadOnlyDictionary<int, double> maxBoxAcc,
        IReadOnlyDictionary<int, double> maxBoxAccThresholds, double? maxBoxAccV1, double? maxBoxAccV1Threshold,
        double centreBaseline, double centreAreaFraction, double? centreMaxBoxAccV2, string convention, double groundTruthShare)
    {
        Count = count;
        Top1Classification = top1;
        Top5Classification = top5;
        PerThreshold = perThreshold;
        SelectedThreshold = perThreshold[selectedIndex];
        ThresholdSelectedOnSelectionSplit = selectedOnSelectionSplit;
        MaxBoxAcc = maxBoxAcc;
        MaxBoxAccThresholds = maxBoxAccThresholds;
        MaxBoxAccV2 = maxBoxAcc.Count == 0 ? null : maxBoxAcc.Values.Average();
        MaxBoxAccV1 = maxBoxAccV1;
        MaxBoxAccV1Threshold = maxBoxAccV1Threshold;
        CentreBoxBaseline = centreBaseline;
        CentreBoxAreaFraction = centreAreaFraction;
        CentreBoxMaxBoxAccV2 = centreMaxBoxAccV2;
        MaxBoxAccConvention = convention;
        GroundTruthBoxShare = groundTruthShare;
    }

    /// <summary>Mean share of the image inside the ground-truth boxes, to read <see cref="ThresholdMetrics.ForegroundShare"/> against.</summary>
    public double GroundTruthBoxShare { get; }

    /// <summary>Images evaluated.</summary>
    public long Count { get; }

    /// <summary>Top-1 classification accuracy.</summary>
    public double Top1Classification { get; }

    /// <summary>Top-5 classification accuracy.</summary>
    public double Top5Classification { get; }

    /// <summary>GT-known, Top-1 and Top-5 localisation at every requested CAM threshold.</summary>
    public IReadOnlyList<ThresholdMetrics> PerThreshold { get; }

    /// <summary>
    /// The row of <see cref="PerThreshold"/> with the best GT-known localisation, chosen on the selection split when
    /// one was given (see <see cref="ThresholdSelectedOnSelectionSplit"/>), otherwise on this split (optimistic).
    /// </summary>
    public ThresholdMetrics SelectedThreshold { get; }

    /// <summary>Whether <see cref="SelectedThreshold"/> was chosen on a separate selection split.</summary>
    public bool ThresholdSelectedOnSelectionSplit { get; }

    /// <summary>Images of the selection split the threshold was chosen on; null when it was chosen on this split.</summary>
    public long? SelectionCount { get; internal init; }

    /// <summary>
    /// How the seed protocol drew its boxes (<see cref="LocalizationEvaluationOptions.BoxMode"/>): the box mode of
    /// <see cref="PerThreshold"/>, which pictures of these metrics use too.
    /// </summary>
    public BoxMode BoxMode { get; internal init; }

    /// <summary>MaxBoxAcc at each IoU percentage (all contours; the max over the sweep thresholds).</summary>
    public IReadOnlyDictionary<int, double> MaxBoxAcc { get; }

    /// <summary>The sweep threshold that reached <see cref="MaxBoxAcc"/> for each IoU percentage.</summary>
    public IReadOnlyDictionary<int, double> MaxBoxAccThresholds { get; }

    /// <summary>MaxBoxAccV2: the mean of <see cref="MaxBoxAcc"/> over the IoU percentages, or null when not computed.</summary>
    public double? MaxBoxAccV2 { get; }

    /// <summary>MaxBoxAcc (V1): IoU 50 with the largest contour, or null when not computed.</summary>
    public double? MaxBoxAccV1 { get; }

    /// <summary>The sweep threshold of <see cref="MaxBoxAccV1"/>.</summary>
    public double? MaxBoxAccV1Threshold { get; }

    /// <summary>Box conventions of the MaxBoxAcc numbers ("Tight" or "WsolEvaluation").</summary>
    public string MaxBoxAccConvention { get; }

    /// <summary>
    /// GT-known localisation of a box centred in every image (a trivial guess to beat), with the area fraction chosen
    /// where the CAM threshold was chosen.
    /// </summary>
    public double CentreBoxBaseline { get; }

    /// <summary>Area fraction of the centre box of <see cref="CentreBoxBaseline"/>.</summary>
    public double CentreBoxAreaFraction { get; }

    /// <summary>
    /// MaxBoxAccV2 of the centre box (the best area fraction per IoU level on this split, as MaxBoxAcc picks the best
    /// CAM threshold), to read <see cref="MaxBoxAccV2"/> against; null when MaxBoxAcc was not computed.
    /// </summary>
    public double? CentreBoxMaxBoxAccV2 { get; }

    /// <summary>
    /// PxAP (wsolevaluation's pixel average precision, in [0, 1]): the area under the precision-recall curve of the
    /// ground-truth class's heatmap as a per-pixel object detector against the object masks, pooled over all pixels
    /// of all images with masks, thresholds every 0.001. Null when the data has no masks. Unlike the box metrics it
    /// needs no threshold and rewards a heatmap that covers the object's actual shape.
    /// </summary>
    public double? PixelAveragePrecision { get; internal init; }

    /// <summary>Images whose masks went into <see cref="PixelAveragePrecision"/> (0 without masks).</summary>
    public long PixelAveragePrecisionImages { get; internal init; }

    /// <summary>
    /// Where the ground-truth class's heatmap puts its mass relative to a part of the object (e.g. a pet's head) and the
    /// rest of it, when the data has part boxes (<see cref="LocalizationEvaluationOptions.PartBoxColumnName"/>); else null.
    /// </summary>
    public PartMassShares? PartMass { get; internal init; }

    /// <summary>The per-threshold table and the summary as Markdown (like the seed's parse_result.py output).</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| CAM threshold | GT-known loc | Top-1 loc | Top-5 loc | Top-1 clas | Top-5 clas | CAM area | box recall |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in PerThreshold)
        {
            string mark = ReferenceEquals(row, SelectedThreshold) ? " *" : "";
            text.AppendLine($"| {F(row.Threshold, 2)}{mark} | {P(row.GroundTruthKnownLocalization)} | {P(row.Top1Localization)} | {P(row.Top5Localization)} | {P(Top1Classification)} | {P(Top5Classification)} | {P(row.ForegroundShare)} | {P(row.BoxRecall)} |");
        }
        text.AppendLine();
        text.AppendLine($"\\* selected threshold (by GT-known loc on the {(ThresholdSelectedOnSelectionSplit ? "selection split" : "evaluated split itself")}). {Count} images.");
        text.AppendLine($"CAM area: share of the image above the threshold (ground-truth boxes cover {P(GroundTruthBoxShare)}); box recall: share of the ground-truth box above it.");
        text.AppendLine();
        if (MaxBoxAccV2 is double v2)
        {
            text.AppendLine($"| MaxBoxAccV2 | " + string.Join(" | ", MaxBoxAcc.Keys.Select(d => $"IoU {d}")) + " | MaxBoxAcc (V1) | centre box MaxBoxAccV2 | centre box GT-known |");
            text.AppendLine("|---:|" + string.Concat(MaxBoxAcc.Keys.Select(_ => "---:|")) + "---:|---:|---:|");
            text.AppendLine($"| {P(v2)} | " + string.Join(" | ", MaxBoxAcc.Select(p => $"{P(p.Value)} (t={F(MaxBoxAccThresholds[p.Key], 2)})")) +
                $" | {P(MaxBoxAccV1 ?? double.NaN)} | {P(CentreBoxMaxBoxAccV2 ?? double.NaN)} | {P(CentreBoxBaseline)} (area {F(CentreBoxAreaFraction, 2)}) |");
            text.AppendLine();
            text.AppendLine($"MaxBoxAcc conventions: {MaxBoxAccConvention}.");
        }
        else
        {
            text.AppendLine($"Centre-box baseline (GT-known loc): {P(CentreBoxBaseline)} (area {F(CentreBoxAreaFraction, 2)}).");
        }
        if (PixelAveragePrecision is double pxap)
        {
            text.AppendLine();
            text.AppendLine($"PxAP (pixel average precision of the ground-truth class's heatmap against the object masks, {PixelAveragePrecisionImages} images): {P(pxap)}.");
        }
        if (PartMass is { } part)
        {
            text.AppendLine();
            text.AppendLine($"Heatmap mass ({part.Images} images with a part box): {P(part.InPart)} in the part (which covers {P(part.PartArea)} of the image), " +
                $"{P(part.InObjectOutsidePart)} in the rest of the object (covering {P(part.ObjectOutsidePartArea)}), {P(part.OutsideObject)} outside it.");
        }
        return text.ToString();
    }

    /// <summary>One line per threshold plus summary lines, tab-separated, for scripts and the report command.</summary>
    public string ToTsv()
    {
        var text = new StringBuilder();
        text.AppendLine("metric\tthreshold\tvalue");
        text.AppendLine($"top1_clas\t\t{F(Top1Classification, 6)}");
        text.AppendLine($"top5_clas\t\t{F(Top5Classification, 6)}");
        foreach (var row in PerThreshold)
        {
            text.AppendLine($"gt_known_loc\t{F(row.Threshold, 2)}\t{F(row.GroundTruthKnownLocalization, 6)}");
            text.AppendLine($"top1_loc\t{F(row.Threshold, 2)}\t{F(row.Top1Localization, 6)}");
            text.AppendLine($"top5_loc\t{F(row.Threshold, 2)}\t{F(row.Top5Localization, 6)}");
            text.AppendLine($"cam_area\t{F(row.Threshold, 2)}\t{F(row.ForegroundShare, 6)}");
            text.AppendLine($"box_recall\t{F(row.Threshold, 2)}\t{F(row.BoxRecall, 6)}");
        }
        text.AppendLine($"selected_threshold\t{F(SelectedThreshold.Threshold, 2)}\t{(ThresholdSelectedOnSelectionSplit ? "selection" : "same")}");
        foreach (var (d, value) in MaxBoxAcc)
            text.AppendLine($"max_box_acc_{d}\t{F(MaxBoxAccThresholds[d], 2)}\t{F(value, 6)}");
        if (MaxBoxAccV2 is double v2)
            text.AppendLine($"max_box_acc_v2\t\t{F(v2, 6)}");
        if (MaxBoxAccV1 is double v1)
            text.AppendLine($"max_box_acc_v1\t{F(MaxBoxAccV1Threshold ?? double.NaN, 2)}\t{F(v1, 6)}");
        text.AppendLine($"centre_box\t{F(CentreBoxAreaFraction, 2)}\t{F(CentreBoxBaseline, 6)}");
        if (CentreBoxMaxBoxAccV2 is double centreV2)
            text.AppendLine($"centre_box_max_box_acc_v2\t\t{F(centreV2, 6)}");
        text.AppendLine($"gt_box_area\t\t{F(GroundTruthBoxShare, 6)}");
        text.AppendLine($"count\t\t{Count}");
        if (PixelAveragePrecision is double pxap)
        {
            text.AppendLine($"pxap\t\t{F(pxap, 6)}");
            text.AppendLine($"pxap_images\t\t{PixelAveragePrecisionImages}");
        }
        if (PartMass is { } part)
        {
            text.AppendLine($"part_mass\t\t{F(part.InPart, 6)}");
            text.AppendLine($"object_outside_part_mass\t\t{F(part.InObjectOutsidePart, 6)}");
            text.AppendLine($"outside_object_mass\t\t{F(part.OutsideObject, 6)}");
            text.AppendLine($"part_area\t\t{F(part.PartArea, 6)}");
            text.AppendLine($"object_outside_part_area\t\t{F(part.ObjectOutsidePartArea, 6)}");
            text.AppendLine($"part_mass_images\t\t{part.Images}");
        }
        return text.ToString();
    }

    private static string P(double value) => double.IsNaN(value) ? "n/a" : (100 * value).ToString("F2", CultureInfo.InvariantCulture);

    private static string F(double value, int digits) => value.ToString("F" + digits, CultureInfo.InvariantCulture);
}
