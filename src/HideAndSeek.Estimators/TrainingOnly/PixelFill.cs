namespace HideAndSeek.TrainingOnly;

/// <summary>
/// What the pixels a training-only step blanks out become: Hide-and-Seek's hidden patches, or the areas that an
/// augmentation's rotation or translation uncovers.
/// </summary>
public enum PixelFill
{
    /// <summary>
    /// The mean pixel of the training data, computed by <c>Fit</c> (the paper's choice for hidden patches: they look
    /// like an average pixel rather than a black square). The network subtracts its own mean pixel, the seed's fixed
    /// one unless <c>GapClassifierOptions.MeanPixel</c> says otherwise, so a filled area becomes zero after that
    /// subtraction only as far as the two means agree (on Tiny ImageNet, within a few grey levels); pass the step's
    /// fitted <c>FillValue</c> as the trainer's <c>MeanPixel</c> to make it exact.
    /// </summary>
    DatasetMean = 0,

    /// <summary>Zero, i.e. black before mean subtraction: imgaug's <c>Affine</c> default (<c>mode="constant", cval=0</c>).</summary>
    Zero = 1,

    /// <summary>The value(s) in <see cref="TrainingOnlyPixelOptions.FillValue"/>.</summary>
    Constant = 2,
}
