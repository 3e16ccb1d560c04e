using TorchSharp;
using static TorchSharp.torch;

namespace HideAndSeek.Torch;

/// <summary>
/// Every convolution of the networks goes through here. On the CPU it steers libtorch around two problems:
/// <list type="number">
/// <item><description><b>Wrong results.</b> libtorch 2.10's bundled oneDNN computes float32 NCHW convolutions with a
/// kernel larger than 1x1 wrongly when the input has more channels than one SIMD block (16 with AVX-512, 8 with AVX2)
/// and not a multiple of it: it reads the unwritten padding of the last block, so outputs are off by O(1) or NaN,
/// differently from call to call. Channels-last (NHWC) inputs, or channels zero-padded to the block, are computed
/// correctly. <see cref="Layout"/> says which remedy is used; the start-up self-check (Torch/ConvolutionSelfCheck) verifies it at
/// start-up.</description></item>
/// <item><description><b>Wrong 1x1 convolutions.</b> oneDNN's channels-last 1x1 kernel (brgconv_1x1) is wrong by
/// O(1) whenever it pads the weights to its output-channel block, which happens for counts such as 80, 112 or 512
/// depending on the shape (and for some shapes it dies with a floating-point exception). In the two correct layouts a
/// 1x1 convolution is therefore run as a 1x2 convolution whose second tap is zero, over the input with one zero column
/// added on the right: the same sums, computed by the general kernel, which is right. It costs up to twice the
/// arithmetic of those layers.</description></item>
/// <item><description><b>Batch dependence.</b> An image must give bit-identical features alone and inside a batch of
/// any size (scoring relies on it). libtorch (use_mkldnn in ATen's Convolution.cpp) runs a float convolution with
/// oneDNN unless (a) the batch is 1, the kernel is at most 3 wide and the input holds at most 20,480 values, or (b) the
/// kernel is 1x1 with stride 1, one intra-op thread and a batch under 16; then it uses its own im2col kernel, whose
/// sums are ordered differently. Case (a) is run as a batch of two (the image twice, the first result kept), case (b)
/// with dilation 2, which a 1x1 kernel (one tap) does not notice.</description></item>
/// </list>
/// Other devices get the plain convolution. It lives with the libtorch runtime because <see cref="Layout"/> is
/// process-wide state that <see cref="TorchRuntime"/> sets once at start-up (environment, then the self-check); the
/// networks only call <see cref="Forward(Tensor, Tensor, Tensor?, long[], long[])"/>.
/// </summary>
internal static class CpuConvolution
{
    // libtorch's threshold (input numel) above which a batch of one goes to oneDNN anyway.
    private const long NativeSingleImageLimit = 20480;

    // The widest SIMD channel block of oneDNN's x86 kernels (AVX-512: 16 floats); a multiple of the AVX2 block too.
    internal const int ChannelBlock = 16;

    private static readonly long[] NoDilation = { 1, 1 };
    private static readonly long[] NoPadding = { 0, 0 };
    private static readonly long[] OneTapDilation = { 2, 2 };
    private static volatile CpuConvolutionLayout _layout = CpuConvolutionLayout.ChannelsLast;

    /// <summary>
    /// How CPU float convolutions are fed to libtorch; process-wide. Channels-last by default (the fastest correct
    /// layout, see the scoring benchmark); the start-up self-check switches to padded channels if channels-last is
    /// found wrong. <see cref="CpuConvolutionLayout.LibTorchDefault"/> exists for tests and benchmarks only.
    /// </summary>
    internal static CpuConvolutionLayout Layout
    {
        get => _layout;
        set => _layout = value;
    }

    /// <summary>
    /// conv2d(x, weight, bias) with the given strides and symmetric padding, steered as described on the class.
    /// </summary>
    public static Tensor Forward(Tensor x, Tensor weight, Tensor? bias, long[] strides, long[] padding) =>
        Forward(x, weight, bias, strides, padding, _layout);

    /// <summary>As <see cref="Forward(Tensor, Tensor, Tensor?, long[], long[])"/> with an explicit layout.</summary>
    internal static Tensor Forward(Tensor x, Tensor weight, Tensor? bias, long[] strides, long[] padding,
        CpuConvolutionLayout layout)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        var lowered = x.dtype == ScalarType.Float32 ? MixedPrecision.ConvolutionType : null;
        if (x.dtype != ScalarType.Float32 || (x.device_type != DeviceType.CPU && lowered is null))
            return nn.functional.conv2d(x, weight, bias, strides, padding);

        using var scope = NewDisposeScope();
        var input = x;
        var w = weight;
        var b = bias;
        if (lowered is { } type)
        {
            // Mixed precision: lower copies of the input and the float32 master weights; autograd casts the gradients back.
            input = x.to(type);
            w = weight.to(type);
            b = bias?.to(type);
            if (x.device_type != DeviceType.CPU)
                return nn.functional.conv2d(input, w, b, strides, padding).to(ScalarType.Float32).MoveToOuterDisposeScope();
        }
        long kernelH = weight.shape[2], kernelW = weight.shape[3];
        bool oneTap = kernelH == 1 && kernelW == 1;
        if (oneTap && layout != CpuConvolutionLayout.LibTorchDefault)
        {
            // The 1x2 form (see the class remarks): pad explicitly, then one extra zero column for the zero tap.
            input = nn.functional.pad(input, new long[] { padding[1], padding[1] + 1, padding[0], padding[0] });
            w = nn.functional.pad(w, new long[] { 0, 1 });
            padding = NoPadding;
            kernelW = 2;
            oneTap = false;
        }
        var dilation = oneTap && strides[0] == 1 && strides[1] == 1 && get_num_threads() == 1 ? OneTapDilation : NoDilation;
        bool runAsPair = input.shape[0] == 1 && kernelH <= 3 && kernelW <= 3 && input.numel() <= NativeSingleImageLimit;
        if (runAsPair)
            input = input.repeat(2, 1, 1, 1);
        switch (layout)
        {
            case CpuConvolutionLayout.ChannelsLast:
                input = ToChannelsLast(input);
                break;
            case CpuConvolutionLayout.PaddedChannels when !oneTap && input.shape[1] > ChannelBlock / 2 && input.shape[1] % ChannelBlock != 0:
                long missing = ChannelBlock - input.shape[1] % ChannelBlock;
                input = nn.functional.pad(input, new long[] { 0, 0, 0, 0, 0, missing });
                w = nn.functional.pad(w, new long[] { 0, 0, 0, 0, 0, missing });
                break;
        }
        var y = nn.functional.conv2d(input, w, b, strides, padding, dilation);
        if (runAsPair)
            y = y.narrow(0, 0, 1);
        if (lowered is not null)
            y = y.to(ScalarType.Float32);
        return y.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The same values with channels-last (NHWC) strides; returns a view of <paramref name="x"/> when it already has
    /// them. libtorch keeps this layout through the layers that follow (pooling, padding, batch norm, cat, resize).
    /// </summary>
    public static Tensor ToChannelsLast(Tensor x)
    {
        using var nhwc = x.permute(0, 2, 3, 1);
        using var packed = nhwc.contiguous();
        return packed.permute(0, 3, 1, 2);
    }
}

/// <summary>How <see cref="CpuConvolution"/> feeds float convolutions on the CPU to libtorch.</summary>
internal enum CpuConvolutionLayout
{
    /// <summary>Channels-last (NHWC) input: correct for every channel count.</summary>
    ChannelsLast,

    /// <summary>NCHW input with the channels zero-padded to a multiple of the SIMD block where the bug strikes.</summary>
    PaddedChannels,

    /// <summary>Whatever layout the input has (NCHW): wrong on oneDNN for some channel counts. Tests and benchmarks only.</summary>
    LibTorchDefault,
}
