namespace HideAndSeek.Networks;

/// <summary>TensorFlow's two padding schemes, which the seed used for every convolution and pooling layer.</summary>
internal enum TfPadding
{
    /// <summary>No padding: out = floor((in - k) / s) + 1.</summary>
    Valid = 0,

    /// <summary>
    /// out = ceil(in / s); the missing total is split with the smaller half before and the larger half after
    /// (see <see cref="TfSamePadding"/>).
    /// </summary>
    Same = 1,
}
