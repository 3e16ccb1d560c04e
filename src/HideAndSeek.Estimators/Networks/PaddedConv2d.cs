using HideAndSeek.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// A square convolution without bias and with per-side zero padding (<see cref="ExplicitPadding"/>), the convolution
/// of the imported ResNet18. State key: conv.weight.
/// </summary>
/// <remarks>Runs through <see cref="CpuConvolution"/>; asymmetric pads are applied with nn.functional.pad first.</remarks>
internal sealed class PaddedConv2d : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly long[] strides;
    private readonly long[] builtInPadding;

    public PaddedConv2d(int inChannels, int outChannels, int kernel, int stride, ExplicitPadding padding)
        : base(nameof(PaddedConv2d))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        strides = new long[] { stride, stride };
        builtInPadding = padding.IsSymmetric ? new long[] { padding.Top, padding.Left } : new long[] { 0, 0 };
        // The module holds (and names) the weight; forward calls CpuConvolution with it.
        conv = nn.Conv2d(inChannels, outChannels, kernel, stride, bias: false);
        RegisterComponents();
    }

    public int Kernel { get; }

    public int Stride { get; }

    public ExplicitPadding Padding { get; }

    /// <summary>The weight [out, in, k, k].</summary>
    public Tensor Weight => conv.weight!;

    /// <summary>The output side for an input side.</summary>
    public int OutputSize(int input) => ExplicitPadding.OutputSize(input, Kernel, Stride, Padding.Top, Padding.Bottom);

    public override Tensor forward(Tensor x)
    {
        if (Padding.IsSymmetric)
            return CpuConvolution.Forward(x, conv.weight!, null, strides, builtInPadding);
        using var padded = nn.functional.pad(x, Padding.ForFunctionalPad());
        return CpuConvolution.Forward(padded, conv.weight!, null, strides, builtInPadding);
    }
}
