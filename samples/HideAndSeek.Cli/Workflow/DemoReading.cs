using System.Globalization;
using HideAndSeek.Evaluation;

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
        var (bestName, best) = hasV2 > camV2 ? ("Hide-and-Seek", has) : ("CAM", cam);
        double bestV2 = Math.Max(camV2, hasV2);
        string verdict = bestV2 - centre >= 0.10
            ? $"{bestName} localises clearly better than a fixed box: MaxBoxAccV2 {P(bestV2)} against {P(centre)} for the best centred box"
            : bestV2 > centre
                ? $"{bestName} localises only a little better than a fixed box: MaxBoxAccV2 {P(bestV2)} against {P(centre)} for the best centred box"
                : $"neither method beats a fixed box here: MaxBoxAccV2 {P(bestV2)} against {P(centre)} for the best centred box";
        string gtKnown = $"GT-known {P(best.SelectedThreshold.GroundTruthKnownLocalization)} at the threshold chosen on training images " +
                         $"(centred box {P(best.CentreBoxBaseline)})";
        // The extent at one fixed threshold: the thresholds chosen for the two runs may differ.
        var camAt = cam.PerThreshold[0];
        var hasAt = has.PerThreshold.FirstOrDefault(r => r.Threshold == camAt.Threshold) ?? has.PerThreshold[0];
        string extent = hasAt.ForegroundShare > camAt.ForegroundShare
            ? $"hiding made the heatmap larger (at t = {camAt.Threshold.ToString("0.0#", CultureInfo.InvariantCulture)} it covers " +
              $"{P(hasAt.ForegroundShare)} of the image against {P(camAt.ForegroundShare)}; objects cover {P(cam.GroundTruthBoxShare)})"
            : $"hiding did not make the heatmap larger (at t = {camAt.Threshold.ToString("0.0#", CultureInfo.InvariantCulture)} it covers " +
              $"{P(hasAt.ForegroundShare)} of the image against {P(camAt.ForegroundShare)})";
        string change = hasV2 > camV2 ? "raised" : "lowered";
        return $"Reading: {verdict}; {gtKnown}. Compared with plain CAM, {extent} and {change} MaxBoxAccV2 from {P(camV2)} to {P(hasV2)}.";
    }

    private static string P(double v) => double.IsNaN(v) ? "n/a" : (100 * v).ToString("F1", CultureInfo.InvariantCulture) + " %";
}
