using HideAndSeek.Localization;
using HideAndSeek.Prediction;

namespace Microsoft.ML;

/// <summary>CAM localisation on <c>ml.Transforms</c>.</summary>
public static class LocalizationTransformsCatalog
{
    /// <summary>
    /// Heatmaps and boxes from the GAP classifier just before this step (see <see cref="CamLocalizerOptions"/> for
    /// the columns and defaults: top-1 class, threshold 0.2, the seed's all-foreground box).
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Options; null for the defaults.</param>
    public static CamLocalizerEstimator LocalizeWithCam(this TransformsCatalog catalog, CamLocalizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CamLocalizerEstimator(options ?? new CamLocalizerOptions());
    }

    /// <summary>Heatmaps and boxes for an already fitted classifier (for example one found in a loaded model).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="classifier">The fitted classifier whose outputs the data holds.</param>
    /// <param name="options">Options; null for the defaults.</param>
    public static CamLocalizerEstimator LocalizeWithCam(this TransformsCatalog catalog, GapClassifierTransformer classifier,
        CamLocalizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(classifier);
        return new CamLocalizerEstimator(options ?? new CamLocalizerOptions(), classifier);
    }
}
