namespace HideAndSeek.Hiding;

/// <summary>What a hidden patch is filled with.</summary>
public enum HidingFill
{
    /// <summary>
    /// The mean pixel of the training data, computed by <c>Fit</c> (the paper's choice: after mean subtraction in the
    /// network a hidden patch becomes zero, so the statistics of test images, which are never hidden, match).
    /// </summary>
    DatasetMean = 0,

    /// <summary>Zero (black before mean subtraction).</summary>
    Zero = 1,

    /// <summary>The value(s) in <see cref="HidePatchesOptions.FillValue"/>.</summary>
    Constant = 2,
}
