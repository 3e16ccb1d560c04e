using HideAndSeek.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// The seed's basic layer: convolution (with bias) -> ReLU -> BatchNorm, with TensorFlow VALID or SAME padding.
/// State keys: conv.weight, conv.bias, bn.weight, bn.bias, bn.running_mean, bn.running_var, bn.num_batches_tracked.
/// </summary>
/// <remarks>Convolutions run through <see cref="CpuConvolution"/>, which keeps CPU results correct and batch-invariant.</remarks>
internal sealed class ConvBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2dLayer bn;
    private readonly int kernel;
    private readonly int stride;
    private readonly long[] strides;
    private readonly long[] builtInPadding;
    private readonly bool padExplicitly;

    public ConvBlock(int inChannels, int outChannels, int kernel, int stride, TfPadding padding, GapNetworkOptions options)
        : base(nameof(ConvBlock))
    {
        this.kernel = kernel;
        this.stride = stride;
        OutChannels = outChannels;
        Padding = padding;
        // SAME with stride 1 and an odd kernel is symmetric (k/2 each side) whatever the input: libtorch pads.
        // Any other SAME case depends on the input size and may be asymmetric: padded in forward.
        bool symmetric = stride == 1 && kernel % 2 == 1;
        padExplicitly = padding == TfPadding.Same && !symmetric;
        long pad = padding == TfPadding.Same && symmetric ? kernel / 2 : 0;
        builtInPadding = new[] { pad, pad };
        strides = new long[] { stride, stride };
        // The module holds the parameters (and names them); forward calls the functional form to pick the dilation.
        conv = nn.Conv2d(inChannels, outChannels, kernel, stride, pad, bias: true);
        bn = new BatchNorm2dLayer(outChannels, options.BatchNormEpsilon, options.BatchNormMomentum);
        RegisterComponents();
    }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>The TensorFlow padding scheme of the convolution.</summary>
    public TfPadding Padding { get; }

    public override Tensor forward(Tensor x)
    {
        using var convolved = padExplicitly ? ConvolvePadded(x) : Convolve(x);
        using var activated = nn.functional.relu(convolved);
        return bn.forward(activated);
    }

    private Tensor ConvolvePadded(Tensor x)
    {
        var (top, bottom) = TfSamePadding.Pads((int)x.shape[2], kernel, stride);
        var (left, right) = TfSamePadding.Pads((int)x.shape[3], kernel, stride);
        using var padded = nn.functional.pad(x, new long[] { left, right, top, bottom });
        return Convolve(padded);
    }

    private Tensor Convolve(Tensor x) => CpuConvolution.Forward(x, conv.weight!, conv.bias, strides, builtInPadding);
}
