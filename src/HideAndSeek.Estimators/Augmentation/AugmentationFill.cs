namespace HideAndSeek.Augmentation;

/// <summary>What pixels that a rotation or translation leaves uncovered become.</summary>
public enum AugmentationFill
{
    /// <summary>Zero, i.e. black before mean subtraction: imgaug's <c>Affine</c> default (<c>mode="constant", cval=0</c>).</summary>
    Zero = 0,

    /// <summary>
    /// The mean pixel of the training data, computed by <c>Fit</c>: after the network's mean subtraction the uncovered
    /// area becomes zero, like a hidden patch with Hide-and-Seek's default fill.
    /// </summary>
    DatasetMean = 1,

    /// <summary>The value(s) in <see cref="ImageAugmentationOptions.FillValue"/>.</summary>
    Constant = 2,
}
