using TorchSharp;
using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>Square max pooling with per-side padding filled with -inf (a padded position never wins), as ONNX MaxPool.</summary>
internal sealed class PaddedMaxPool2d : nn.Module<Tensor, Tensor>
{
    public PaddedMaxPool2d(int kernel, int stride, ExplicitPadding padding) : base(nameof(PaddedMaxPool2d))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        RegisterComponents();
    }

    public int Kernel { get; }

    public int Stride { get; }

    public ExplicitPadding Padding { get; }

    /// <summary>The output side for an input side.</summary>
    public int OutputSize(int input) => ExplicitPadding.OutputSize(input, Kernel, Stride, Padding.Top, Padding.Bottom);

    public override Tensor forward(Tensor x)
    {
        if (Padding == default)
            return nn.functional.max_pool2d(x, Kernel, Stride);
        using var padded = nn.functional.pad(x, Padding.ForFunctionalPad(), PaddingModes.Constant, double.NegativeInfinity);
        return nn.functional.max_pool2d(padded, Kernel, Stride);
    }
}
