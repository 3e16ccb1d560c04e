using HideAndSeek.Hiding;

namespace Microsoft.ML;

/// <summary>Hide-and-Seek on <c>ml.Transforms</c>.</summary>
public static class HidingCatalog
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
}
