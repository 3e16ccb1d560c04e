using TorchSharp;
using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// Dropout of whole pixels, as the seed's tf.nn.dropout with noise shape [B, H, W, 1]: each spatial position of each
/// image is kept with probability keep (all channels together) and scaled by 1 / keep, or set to zero.
/// </summary>
internal static class PixelDropout
{
    /// <summary>Applies pixel dropout to <paramref name="x"/> [B, C, H, W]; a new tensor, the input is unchanged.</summary>
    /// <param name="x">Images, NCHW.</param>
    /// <param name="keepProbability">Probability that a pixel is kept, in (0, 1]; 1 returns an unchanged copy.</param>
    /// <param name="generator">Random source; null uses torch's global generator.</param>
    public static Tensor Apply(Tensor x, double keepProbability, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 4)
            throw new ArgumentException($"Expected NCHW images, got {x.dim()} dimensions.", nameof(x));
        if (!(keepProbability > 0 && keepProbability <= 1))
            throw new ArgumentOutOfRangeException(nameof(keepProbability), keepProbability, "Must be in (0, 1].");
        if (keepProbability == 1)
            return x.clone();

        // One Bernoulli draw per (image, position), broadcast over the channels.
        using var keep = keepProbability.ToScalar(); // kept in a variable: libtorch reads it during both calls
        using var probabilities = full(new[] { x.shape[0], 1, x.shape[2], x.shape[3] }, keep, x.dtype, x.device);
        using var mask = bernoulli(probabilities, generator);
        using var scale = mask.div(keep);
        return x.mul(scale);
    }
}
