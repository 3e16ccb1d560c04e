using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// The seed's basic layer: convolution (with bias) -> ReLU -> BatchNorm, with TensorFlow VALID or SAME padding.
/// State keys: conv.weight, conv.bias, bn.weight, bn.bias, bn.running_mean, bn.running_var, bn.num_batches_tracked.
/// </summary>
/// <remarks>
/// On the CPU the convolution is steered so that an image gives bit-identical features alone and inside a batch of
/// any size (scoring relies on it). libtorch (use_mkldnn in ATen's Convolution.cpp) runs a float convolution with
/// oneDNN unless (a) the batch is 1, the kernel is at most 3 wide and the input holds at most 20,480 values, or
/// (b) the kernel is 1x1 with stride 1, one intra-op thread and a batch under 16; then it uses its own im2col kernel,
/// whose sums are ordered differently. Case (a) is run as a batch of two (the image twice, the first result kept),
/// case (b) with dilation 2, which a 1x1 kernel (one tap) does not notice.
/// </remarks>
internal sealed class ConvBlock : nn.Module<Tensor, Tensor>
{
    // libtorch's threshold (input numel) above which a batch of one goes to oneDNN anyway.
    private const long NativeSingleImageLimit = 20480;
    private static readonly long[] NoDilation = { 1, 1 };
    private static readonly long[] OneTapDilation = { 2, 2 };

    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
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
        bn = nn.BatchNorm2d(outChannels, options.BatchNormEpsilon, options.BatchNormMomentum);
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

    private Tensor Convolve(Tensor x)
    {
        bool cpuFloat = x.device_type == DeviceType.CPU && x.dtype == ScalarType.Float32;
        var dilation = cpuFloat && kernel == 1 && stride == 1 && get_num_threads() == 1 ? OneTapDilation : NoDilation;
        if (cpuFloat && x.shape[0] == 1 && kernel <= 3 && x.numel() <= NativeSingleImageLimit)
        {
            using var twice = x.repeat(2, 1, 1, 1);
            using var both = nn.functional.conv2d(twice, conv.weight!, conv.bias, strides, builtInPadding, dilation);
            return both.narrow(0, 0, 1);
        }
        return nn.functional.conv2d(x, conv.weight!, conv.bias, strides, builtInPadding, dilation);
    }
}
