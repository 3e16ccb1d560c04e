using System.Diagnostics;
using static TorchSharp.torch;

namespace HideAndSeek.Torch;

/// <summary>
/// Start-up check of libtorch's CPU convolutions against <see cref="ReferenceConvolution"/>: a few small 3x3
/// convolutions with input channel counts that straddle oneDNN's SIMD blocks, and 1x1 convolutions to 80 channels
/// (which oneDNN's channels-last 1x1 kernel gets wrong), computed the way libtorch does by default (NCHW) and the way
/// <see cref="CpuConvolution"/> computes them. If the layout in use is wrong on this CPU,
/// the other safe layout is taken; the outcome is kept in <see cref="ConvolutionCheckResult"/>.
/// </summary>
internal static class ConvolutionSelfCheck
{
    /// <summary>Above one block and not a multiple of it for AVX2 (8) or AVX-512 (16), where the NCHW bug strikes.</summary>
    internal static readonly int[] ChannelCounts = { 12, 20, 24, 40 };

    // float32 sums of at most 360 products of values in [-1, 1]: rounding stays far below this; the bug's errors are O(1).
    private const double Tolerance = 1e-3;

    // bfloat16 inputs are rounded before the reference sees them, so what remains is the float32 accumulation and the
    // output's rounding to bfloat16 (relative 2^-9): 0.8 % of the magnitude allows both; the oneDNN bug's errors are O(1).
    private const double BFloat16RelativeTolerance = 8e-3;
    private const int Batch = 2; // a batch of one this small would take libtorch's own kernel, not oneDNN's
    private const int Height = 7, Width = 9;

    // (kernel, output channels): a 3x3 case, and a 1x1 case whose output channels oneDNN pads to its block.
    private static readonly (int Kernel, int OutChannels)[] Cases = { (3, 8), (1, 80) };

    /// <summary>Runs the check, switching <see cref="CpuConvolution.Layout"/> to a correct layout if needed.</summary>
    public static ConvolutionCheckResult Run()
    {
        var clock = Stopwatch.StartNew();
        // The NCHW diagnosis (for the log) needs only the 3x3 case, once: the bug's errors show in every call, and every
        // extra shape costs oneDNN a kernel generation, which is most of the check's time.
        var wrongDefault = ChannelCounts.Where(c => !IsCorrect(c, 3, 8, CpuConvolutionLayout.LibTorchDefault, repeats: 1)).ToArray();
        var requested = CpuConvolution.Layout;
        var inUse = requested;
        bool verified = true;
        if (requested != CpuConvolutionLayout.LibTorchDefault && !LayoutIsCorrect(requested))
        {
            var other = requested == CpuConvolutionLayout.ChannelsLast ? CpuConvolutionLayout.PaddedChannels : CpuConvolutionLayout.ChannelsLast;
            verified = LayoutIsCorrect(other);
            if (verified)
            {
                inUse = other;
                CpuConvolution.Layout = other;
            }
        }
        return new ConvolutionCheckResult(wrongDefault, requested, inUse, verified, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// The 3x3 case for every channel count, and the 1x1 case (whose bug depends on the output channels, not the
    /// inputs) for one: nine kernel generations instead of sixteen keep the first check short.
    /// </summary>
    private static bool LayoutIsCorrect(CpuConvolutionLayout layout) =>
        ChannelCounts.All(c => IsCorrect(c, 3, 8, layout, repeats: 1)) && IsCorrect(ChannelCounts[1], 1, 80, layout, repeats: 1);

    /// <summary>
    /// Whether a 3x3 and a 1x1 convolution with <paramref name="channels"/> inputs match the reference every time.
    /// </summary>
    internal static bool IsCorrect(int channels, CpuConvolutionLayout layout, int repeats) =>
        Cases.All(c => IsCorrect(channels, c.Kernel, c.OutChannels, layout, repeats));

    private static bool IsCorrect(int channels, int kernel, int outChannels, CpuConvolutionLayout layout, int repeats) =>
        AgreesWithReference(Batch, channels, outChannels, kernel, 1, Height, Width, layout, repeats, bfloat16: false);

    /// <summary>
    /// One convolution of deterministic inputs through <see cref="CpuConvolution"/> (<paramref name="repeats"/> times)
    /// against <see cref="ReferenceConvolution"/>. With <paramref name="bfloat16"/> the inputs are rounded to bfloat16
    /// first, the convolution runs inside a bfloat16 <see cref="MixedPrecision"/> scope and must come back float32,
    /// and the tolerance is relative (<see cref="BFloat16RelativeTolerance"/>); otherwise it is absolute
    /// (<see cref="Tolerance"/>).
    /// </summary>
    internal static bool AgreesWithReference(int batch, int channels, int outChannels, int kernel, int stride, int height, int width,
        CpuConvolutionLayout layout, int repeats, bool bfloat16)
    {
        int pad = kernel / 2;
        float[] Input(float[] values) => bfloat16 ? BFloat16Support.RoundToBFloat16(values) : values;
        var x = Input(ReferenceConvolution.Pattern(batch * channels * height * width, channels));
        var w = Input(ReferenceConvolution.Pattern(outChannels * channels * kernel * kernel, channels + 1));
        var b = Input(ReferenceConvolution.Pattern(outChannels, channels + 2));
        var expected = ReferenceConvolution.Compute(x, batch, channels, height, width, w, outChannels, kernel, b, stride, pad, out _, out _);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var precision = bfloat16 ? MixedPrecision.Enter(ScalarType.BFloat16) : default;
        var input = tensor(x, new long[] { batch, channels, height, width });
        var weight = tensor(w, new long[] { outChannels, channels, kernel, kernel });
        var bias = tensor(b);
        for (int i = 0; i < repeats; i++)
        {
            var y = CpuConvolution.Forward(input, weight, bias, new long[] { stride, stride }, new long[] { pad, pad }, layout);
            if (y.dtype != ScalarType.Float32)
                return false;
            var actual = y.contiguous().data<float>().ToArray();
            if (actual.Length != expected.Length)
                return false;
            for (int j = 0; j < expected.Length; j++)
            {
                double allowed = bfloat16 ? BFloat16RelativeTolerance * (1 + Math.Abs(expected[j])) : Tolerance;
                if (!(Math.Abs(actual[j] - expected[j]) <= allowed))
                    return false;
            }
        }
        return true;
    }
}

/// <summary>What <see cref="ConvolutionSelfCheck"/> found on this CPU.</summary>
/// <param name="WrongNchwChannels">Input channel counts for which libtorch's default NCHW convolution was wrong.</param>
/// <param name="Requested">The layout configured before the check.</param>
/// <param name="InUse">The layout the networks use now.</param>
/// <param name="Verified">Whether <paramref name="InUse"/> was found correct for every channel count checked.</param>
/// <param name="Milliseconds">How long the check took.</param>
internal sealed record ConvolutionCheckResult(
    IReadOnlyList<int> WrongNchwChannels, CpuConvolutionLayout Requested, CpuConvolutionLayout InUse, bool Verified, double Milliseconds)
{
    /// <summary>One line for logs.</summary>
    public override string ToString()
    {
        string nchw = WrongNchwChannels.Count == 0
            ? "libtorch's NCHW convolutions are correct on this CPU"
            : $"libtorch's NCHW convolutions are wrong on this CPU for {string.Join(", ", WrongNchwChannels)} input channels (a oneDNN bug)";
        string layout = InUse == CpuConvolutionLayout.ChannelsLast ? "channels-last" : InUse == CpuConvolutionLayout.PaddedChannels ? "padded channels" : "NCHW";
        string status = Verified ? $"the networks use {layout}, checked correct" : $"no safe layout was found: results may be wrong (using {layout})";
        string switched = InUse != Requested ? " after the configured layout failed the check" : "";
        return $"{nchw}; {status}{switched} ({Milliseconds:F0} ms self-check, {CpuIsa.Describe()}).";
    }
}
