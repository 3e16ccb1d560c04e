using HideAndSeek.Evaluation;

namespace Microsoft.ML;

/// <summary>The localisation evaluation entry point on <see cref="MLContext"/>.</summary>
public static class LocalizationEvaluationCatalog
{
    /// <summary>Localisation metrics: <c>ml.Localization().Evaluate(scored)</c>.</summary>
    /// <param name="ml">The ML.NET context.</param>
    public static LocalizationCatalog Localization(this MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return new LocalizationCatalog();
    }
}
