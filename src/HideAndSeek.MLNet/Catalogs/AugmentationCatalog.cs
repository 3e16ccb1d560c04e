using HideAndSeek.Augmentation;

namespace Microsoft.ML;

/// <summary>The seed project's image augmentation on <c>ml.Transforms</c>.</summary>
public static class AugmentationCatalog
{
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
}
