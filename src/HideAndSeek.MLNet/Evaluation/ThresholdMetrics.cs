namespace HideAndSeek.Evaluation;

/// <summary>The seed protocol's numbers at one CAM threshold (shares in [0, 1]).</summary>
/// <param name="Threshold">The CAM threshold t (foreground = heatmap &gt; t).</param>
/// <param name="GroundTruthKnownLocalization">Share of images whose ground-truth class box has IoU &gt;= the IoU threshold.</param>
/// <param name="Top1Localization">Top-1 class right and that IoU high enough.</param>
/// <param name="Top5Localization">The ground-truth class among the top 5 and that IoU high enough.</param>
/// <param name="ForegroundShare">Mean share of the image where the ground-truth class's heatmap is above the threshold.</param>
/// <param name="BoxRecall">
/// Mean share of the ground-truth box pixels where that heatmap is above the threshold: how much of the object the
/// heatmap covers (Hide-and-Seek should raise it).
/// </param>
public sealed record ThresholdMetrics(double Threshold, double GroundTruthKnownLocalization, double Top1Localization, double Top5Localization,
    double ForegroundShare, double BoxRecall);
