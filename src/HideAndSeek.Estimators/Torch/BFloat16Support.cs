using System.Runtime.Intrinsics.X86;
using TorchSharp;
using static TorchSharp.torch;

namespace HideAndSeek.Torch;

/// <summary>
/// Whether bfloat16 mixed-precision training can run here, decided once per process: the CPU must have bfloat16
/// dot-product instructions (AVX512-BF16 or AMX-BF16; elsewhere oneDNN emulates them slower than float32) that oneDNN
/// is allowed to use (<c>DNNL_MAX_CPU_ISA</c>), and libtorch's bfloat16 convolutions, fed as
/// <see cref="CpuConvolution"/> feeds them, must agree with a float64 reference on the channel counts that break its
/// float32 NCHW kernels. CUDA devices are accepted as they are (not checked here).
/// </summary>
internal static class BFloat16Support
{
    // Channel counts around oneDNN's SIMD block, batch 1 and 2, an odd image, kernels 1, 3 and 5, strides 1 and 2.
    private static readonly (int Batch, int Channels, int OutChannels, int Kernel, int Stride)[] Cases =
    {
        (2, 12, 8, 3, 1), (2, 20, 8, 3, 1), (1, 24, 19, 3, 2), (2, 40, 8, 3, 1), (2, 20, 80, 1, 1), (1, 3, 17, 5, 2),
    };

    private const int Height = 7, Width = 9;

    private static readonly Lazy<string?> CpuProblemHere = new(FindCpuProblem);

    /// <summary>Null when <paramref name="device"/> can train in bfloat16, else why not (one sentence).</summary>
    public static string? Problem(Device device) =>
        device.type == DeviceType.CUDA ? null : device.type != DeviceType.CPU ? $"bfloat16 training is not supported on {device.type}." : CpuProblemHere.Value;

    /// <summary>Throws <see cref="NotSupportedException"/> naming the reason when <see cref="Problem"/> finds one.</summary>
    public static void Require(Device device, string component)
    {
        if (Problem(device) is { } problem)
            throw new NotSupportedException($"{component}: Precision = BFloat16 cannot be used here: {problem} Train with Float32.");
    }

    /// <summary>True when the CPU reports AVX512-BF16 or AMX-BF16 (CPUID leaf 7).</summary>
    public static bool CpuHasBFloat16Instructions()
    {
        if (!X86Base.IsSupported || X86Base.CpuId(0, 0).Eax < 7)
            return false;
        bool avx512Bf16 = (X86Base.CpuId(7, 1).Eax & (1 << 5)) != 0;
        bool amxBf16 = (X86Base.CpuId(7, 0).Edx & (1 << 22)) != 0;
        return (avx512Bf16 && Avx512F.IsSupported) || amxBf16;
    }

    private static string? FindCpuProblem() =>
        CpuProblem(CpuHasBFloat16Instructions(), Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA"), WrongKernels);

    /// <summary>The decision, apart from the machine: instructions, oneDNN's ISA cap, then the kernels' check.</summary>
    internal static string? CpuProblem(bool hasInstructions, string? isaCap, Func<string?> wrongKernels)
    {
        if (!hasInstructions)
            return $"this CPU ({CpuIsa.Describe()}) has no AVX512-BF16 or AMX instructions, so bfloat16 would be slower than float32.";
        if (!string.IsNullOrEmpty(isaCap) && IsBelowBFloat16(isaCap))
            return $"DNNL_MAX_CPU_ISA={isaCap} keeps oneDNN from the CPU's bfloat16 instructions.";
        return wrongKernels() is { } wrong
            ? $"libtorch's bfloat16 convolutions disagree with the float64 reference on this CPU for {wrong}."
            : null;
    }

    /// <summary>The self-check's failing cases, or null when all agree with the reference.</summary>
    internal static string? WrongKernels()
    {
        var wrong = Cases.Where(c => !IsCorrect(c.Batch, c.Channels, c.OutChannels, c.Kernel, c.Stride)).ToArray();
        return wrong.Length == 0 ? null : string.Join(", ", wrong.Select(c => $"{c.Channels} -> {c.OutChannels} channels {c.Kernel}x{c.Kernel}"));
    }

    private static bool IsBelowBFloat16(string cap) =>
        cap.Trim().ToUpperInvariant() is "SSE41" or "AVX" or "AVX2" or "AVX2_VNNI" or "AVX512_CORE" or "AVX512_CORE_VNNI";

    /// <summary>
    /// One convolution through <see cref="CpuConvolution"/> inside a bfloat16 scope against the float64 reference on
    /// the same bfloat16-rounded inputs.
    /// </summary>
    internal static bool IsCorrect(int batch, int channels, int outChannels, int kernel, int stride, int height = Height, int width = Width) =>
        ConvolutionSelfCheck.AgreesWithReference(batch, channels, outChannels, kernel, stride, height, width, CpuConvolution.Layout,
            repeats: 1, bfloat16: true);

    /// <summary>Each value rounded to the nearest bfloat16 (ties to even), kept as float.</summary>
    internal static float[] RoundToBFloat16(float[] values)
    {
        var rounded = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            uint bits = BitConverter.SingleToUInt32Bits(values[i]);
            bits += 0x7FFFu + ((bits >> 16) & 1);
            rounded[i] = BitConverter.UInt32BitsToSingle(bits & 0xFFFF0000u);
        }
        return rounded;
    }
}
