using HideAndSeek.Augmentation;
using HideAndSeek.CamLocalization;
using HideAndSeek.GapClassifier;
using HideAndSeek.Hiding;
using HideAndSeek.Networks;

namespace Microsoft.ML;

/// <summary>
/// The components on ML.NET's catalogs: Hide-and-Seek and the seed's augmentation on <c>ml.Transforms</c>, the GAP
/// classifier on <c>ml.MulticlassClassification.Trainers</c> and CAM localisation on <c>ml.Transforms</c>.
/// </summary>
public static class HideAndSeekCatalog
{
    /// <summary>
    /// Hides S x S patches of each training image with probability 0.5 (the paper's default), anew every epoch;
    /// scoring never hides. Hidden pixels get the dataset mean pixel computed by <c>Fit</c>.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="patchSize">Patch side S in pixels (0 disables hiding).</param>
    /// <param name="outputColumnName">Column receiving the hidden pixels. Default "Pixels".</param>
    /// <param name="inputColumnName">Pixel column from ExtractPixels (C x H x W floats); null = the output column.</param>
    /// <param name="hideProbability">Probability of hiding each patch. Default 0.5.</param>
    /// <param name="seed">Seed of the masks; null uses 0.</param>
    public static ImageHidingEstimator HidePatches(this TransformsCatalog catalog, int patchSize,
        string outputColumnName = "Pixels", string? inputColumnName = null, double hideProbability = 0.5, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ImageHidingEstimator(new HidePatchesOptions
        {
            PatchSizes = new[] { patchSize },
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            HideProbability = hideProbability,
            Seed = seed,
        });
    }

    /// <summary>Hide-and-Seek with every option (mixed patch sizes, the seed's patch counts, fill, probability, seed).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The options; see <see cref="HidePatchesOptions"/> for defaults.</param>
    public static ImageHidingEstimator HidePatches(this TransformsCatalog catalog, HidePatchesOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ImageHidingEstimator(options);
    }

    /// <summary>
    /// Augments each training image with one of the seed's imgaug pipelines, anew every epoch; scoring never augments.
    /// <see cref="AugmentationPreset.Seed1"/>: flips (0.25 each axis), rotation in [-180, 180] degrees (0.25),
    /// translation by up to 15 % (0.2). <see cref="AugmentationPreset.Seed2"/>: the same with up to 10 % translation,
    /// then coarse dropout, salt, pepper or salt-and-pepper (0.2). Uncovered pixels become 0.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="preset">Which pipeline.</param>
    /// <param name="outputColumnName">Column receiving the augmented pixels. Default "Pixels".</param>
    /// <param name="inputColumnName">Pixel column from ExtractPixels (C x H x W floats, 0 to 255); null = the output column.</param>
    /// <param name="seed">Seed of the draws; null uses 0.</param>
    public static ImageAugmentationEstimator AugmentImages(this TransformsCatalog catalog, AugmentationPreset preset,
        string outputColumnName = "Pixels", string? inputColumnName = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var options = ImageAugmentationOptions.FromPreset(preset);
        options.OutputColumnName = outputColumnName;
        options.InputColumnName = inputColumnName;
        options.Seed = seed;
        return new ImageAugmentationEstimator(options);
    }

    /// <summary>Image augmentation with every option (probabilities, ranges, coarse operations, fill, seed).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The options; see <see cref="ImageAugmentationOptions"/> for defaults and presets.</param>
    public static ImageAugmentationEstimator AugmentImages(this TransformsCatalog catalog, ImageAugmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ImageAugmentationEstimator(options);
    }

    /// <summary>
    /// A TorchSharp GAP network trained on image pixels and a key label (see <see cref="GapClassifierOptions"/> for
    /// every default). Its output has ML.NET's multiclass columns and the CAM feature map for <c>LocalizeWithCam</c>.
    /// </summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">Trainer options.</param>
    public static GapClassifierTrainer GapClassifier(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        GapClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new GapClassifierTrainer(options);
    }

    /// <summary>A GAP classifier with the common settings; see the options overload for the rest.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="labelColumnName">The key label column.</param>
    /// <param name="featureColumnName">The pixel column (C x H x W floats from ExtractPixels).</param>
    /// <param name="architecture">The network.</param>
    /// <param name="maxEpochs">Passes over the data.</param>
    /// <param name="batchSize">Images per step.</param>
    public static GapClassifierTrainer GapClassifier(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Pixels",
        GapArchitecture architecture = GapArchitecture.SmallAlexNetGap, int maxEpochs = 30, int batchSize = 128)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new GapClassifierTrainer(new GapClassifierOptions
        {
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            Architecture = architecture,
            MaxEpochs = maxEpochs,
            BatchSize = batchSize,
        });
    }

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
