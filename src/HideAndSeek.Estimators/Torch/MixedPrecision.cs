using static TorchSharp.torch;

namespace HideAndSeek.Torch;

/// <summary>
/// The precision convolutions run at on the current thread, PyTorch's autocast in miniature: inside
/// <see cref="Enter"/>, <see cref="CpuConvolution"/> casts a float32 input and its weights to the lower type, convolves,
/// and hands float32 back, so every other layer, the weights and the gradients stay float32. Thread-local because the
/// trainer's step runs on one thread while the same network may score on another.
/// </summary>
internal static class MixedPrecision
{
    [ThreadStatic]
    private static ScalarType? _convolutionType;

    /// <summary>The type convolutions compute in on this thread; null outside any scope (float32).</summary>
    public static ScalarType? ConvolutionType => _convolutionType;

    /// <summary>Convolutions on this thread compute in <paramref name="type"/> until the returned scope is disposed.</summary>
    public static Scope Enter(ScalarType type) => new(type);

    /// <summary>Restores the previous precision when disposed; scopes nest, and a default instance does nothing.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly bool _entered;
        private readonly ScalarType? _previous;

        internal Scope(ScalarType type)
        {
            _entered = true;
            _previous = _convolutionType;
            _convolutionType = type;
        }

        public void Dispose()
        {
            if (_entered)
                _convolutionType = _previous;
        }
    }
}
