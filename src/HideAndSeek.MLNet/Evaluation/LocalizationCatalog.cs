using Microsoft.ML;

namespace HideAndSeek.Evaluation;

/// <summary>Localisation evaluation, reached with <c>ml.Localization()</c>.</summary>
public sealed class LocalizationCatalog
{
    internal LocalizationCatalog()
    {
    }

    /// <summary>
    /// Top-1/Top-5 classification, GT-known/Top-1/Top-5 localisation at each CAM threshold, MaxBoxAcc and MaxBoxAccV2,
    /// and the centre-box baseline of data scored by a pipeline ending in LocalizeWithCam. The threshold marked as
    /// selected is chosen on this same data (optimistic); pass a selection split to choose it honestly.
    /// </summary>
    /// <param name="scored">Scored data with the label, Score, Box and GroundTruthHeatmap columns.</param>
    /// <param name="options">Column names, thresholds and conventions; null for the defaults.</param>
    public LocalizationMetrics Evaluate(IDataView scored, LocalizationEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scored);
        return new LocalizationEvaluator(options ?? new LocalizationEvaluationOptions()).Evaluate(scored, selection: null);
    }

    /// <summary>
    /// As <see cref="Evaluate(IDataView, LocalizationEvaluationOptions?)"/>, with the CAM threshold and the centre box
    /// chosen on <paramref name="selection"/>, a split other than the one reported.
    /// </summary>
    /// <param name="scored">The scored split to report.</param>
    /// <param name="selection">A scored split used only to choose the threshold and the centre box.</param>
    /// <param name="options">Column names, thresholds and conventions; null for the defaults.</param>
    public LocalizationMetrics Evaluate(IDataView scored, IDataView selection, LocalizationEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(selection);
        return new LocalizationEvaluator(options ?? new LocalizationEvaluationOptions()).Evaluate(scored, selection);
    }
}
