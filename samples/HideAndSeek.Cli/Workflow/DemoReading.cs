using HideAndSeek.Evaluation;
using System.Globalization;

namespace HideAndSeek.Cli.Workflow;

/// <summary>
/// The demo's closing sentence: which method localised better, by how much against the best centred box, and whether
/// Hide-and-Seek made the heatmap larger. Built from the two runs' metrics only, so it says what was measured.
/// </summary>
internal static class DemoReading
{
    public static string Of(LocalizationMetrics cam, LocalizationMetrics has)
    {
        double camV2 = cam.MaxBoxAccV2 ?? double.NaN, hasV2 = has.MaxBoxAccV2 ?? double.NaN;
        double centre = cam.CentreBoxMaxBoxAccV2 ?? double.NaN;
        double best = Math.Max(camV2, hasV2);
        string verdict = best - centre >= 0.10 ? "localises clearly better than a fixed box"
            : best > centre ? "localises only a little better than a fixed box"
            : "does not beat a fixed box here";
        // Differences of a point or two between two runs are within what another seed changes (docs/results.md).
        string comparison = Math.Abs(hasV2 - camV2) < 0.02
            ? $"CAM and Hide-and-Seek do about equally well (MaxBoxAccV2 {P(camV2)} and {P(hasV2)})"
            : hasV2 > camV2
                ? $"Hide-and-Seek does better than plain CAM (MaxBoxAccV2 {P(hasV2)} against {P(camV2)})"
                : $"plain CAM does better than Hide-and-Seek (MaxBoxAccV2 {P(camV2)} against {P(hasV2)})";
        string subject = Math.Abs(hasV2 - camV2) < 0.02 ? "Each" : hasV2 > camV2 ? "Hide-and-Seek" : "CAM";
        // The extent at one fixed threshold: the thresholds chosen for the two runs may differ.
        var camAt = cam.PerThreshold[0];
        var hasAt = has.PerThreshold.FirstOrDefault(r => r.Threshold == camAt.Threshold) ?? has.PerThreshold[0];
        string t = camAt.Threshold.ToString("0.0#", CultureInfo.InvariantCulture);
        string extent = hasAt.ForegroundShare > camAt.ForegroundShare
            ? $"hiding made the heatmap larger (at t = {t}: {P(hasAt.ForegroundShare)} of the image against {P(camAt.ForegroundShare)}; objects cover {P(cam.GroundTruthBoxShare)})"
            : $"hiding did not make the heatmap larger (at t = {t}: {P(hasAt.ForegroundShare)} of the image against {P(camAt.ForegroundShare)})";
        // Where objects fill most of the photo a box says little; the heatmap against the masks and the part boxes says more.
        string pixels = cam.PixelAveragePrecision is double camPxap && has.PixelAveragePrecision is double hasPxap
            ? $"; PxAP against the object masks: CAM {P(camPxap)}, Hide-and-Seek {P(hasPxap)}" : "";
        string parts = cam.PartMass is { } camParts && has.PartMass is { } hasParts
            ? $"; heatmap mass in the part boxes (e.g. heads, {P(camParts.PartArea)} of the image) against the rest of the object: " +
              $"CAM {P(camParts.InPart)} / {P(camParts.InObjectOutsidePart)}, Hide-and-Seek {P(hasParts.InPart)} / {P(hasParts.InObjectOutsidePart)}"
            : "";
        return $"Reading: {subject} {verdict} (the best centred box reaches MaxBoxAccV2 {P(centre)}, GT-known {P(cam.CentreBoxBaseline)}); " +
               $"{comparison}; GT-known at the threshold chosen on training images: CAM {P(cam.SelectedThreshold.GroundTruthKnownLocalization)}, " +
               $"Hide-and-Seek {P(has.SelectedThreshold.GroundTruthKnownLocalization)}; {extent}{pixels}{parts}.";
    }

    private static string P(double v) => double.IsNaN(v) ? "n/a" : (100 * v).ToString("F1", CultureInfo.InvariantCulture) + " %";
}
