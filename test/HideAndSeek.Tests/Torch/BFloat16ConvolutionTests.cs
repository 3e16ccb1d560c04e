using HideAndSeek.Tests.TestSupport;
using HideAndSeek.Torch;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Torch;

public class BFloat16ConvolutionTests
{
    [RequiresBFloat16Fact]
    public void Bfloat16_convolutions_agree_with_the_float64_reference_on_awkward_shapes()
    {
        TorchRuntime.Initialize(TorchDevice.Cpu);
        // (batch, in, out, kernel, stride, height, width): channel counts off oneDNN's 8/16 blocks, batch 1, odd sides,
        // a 1x1 with 80 outputs (the count that breaks oneDNN's float32 1x1 kernel) and a 7x7 stem-like case.
        var cases = new (int B, int C, int O, int K, int S, int H, int W)[]
        {
            (1, 3, 17, 7, 2, 13, 11), (2, 12, 8, 3, 1, 7, 9), (1, 20, 24, 3, 2, 9, 7), (3, 40, 13, 3, 1, 5, 5),
            (2, 20, 80, 1, 1, 7, 9), (1, 67, 33, 1, 2, 9, 9), (2, 24, 19, 5, 1, 11, 6),
        };
        foreach (var c in cases)
            Assert.True(BFloat16Support.IsCorrect(c.B, c.C, c.O, c.K, c.S, c.H, c.W), $"bfloat16 convolution wrong for {c}");
    }

    [RequiresBFloat16Fact]
    public void The_self_check_accepts_this_cpu()
    {
        TorchRuntime.Initialize(TorchDevice.Cpu);
        Assert.Null(BFloat16Support.Problem(CPU));
    }

    [Fact]
    public void Outside_a_scope_convolutions_stay_float32_and_inside_they_come_back_float32()
    {
        TorchRuntime.Initialize(TorchDevice.Cpu);
        using var scope = NewDisposeScope();
        var x = rand(2, 5, 9, 7);
        var w = rand(6, 5, 3, 3);
        var plain = CpuConvolution.Forward(x, w, null, new long[] { 1, 1 }, new long[] { 1, 1 });
        Assert.Null(MixedPrecision.ConvolutionType);
        Tensor lowered;
        using (MixedPrecision.Enter(ScalarType.BFloat16))
        {
            Assert.Equal(ScalarType.BFloat16, MixedPrecision.ConvolutionType);
            lowered = CpuConvolution.Forward(x, w, null, new long[] { 1, 1 }, new long[] { 1, 1 });
        }
        Assert.Null(MixedPrecision.ConvolutionType);
        Assert.Equal(ScalarType.Float32, plain.dtype);
        Assert.Equal(ScalarType.Float32, lowered.dtype);
        // bfloat16 keeps 8 bits of mantissa: close to float32, but not equal.
        double error = (lowered - plain).abs().max().item<float>();
        double size = plain.abs().max().item<float>();
        Assert.InRange(error / size, 1e-6, 2e-2);
    }

    [Fact]
    public void A_default_scope_leaves_the_outer_precision_alone()
    {
        using (MixedPrecision.Enter(ScalarType.BFloat16))
        {
            using (default(MixedPrecision.Scope))
            {
            }
            Assert.Equal(ScalarType.BFloat16, MixedPrecision.ConvolutionType);
        }
        Assert.Null(MixedPrecision.ConvolutionType);
    }

    [Fact]
    public void Bfloat16_is_refused_with_the_reason_without_instructions_under_an_isa_cap_or_with_wrong_kernels()
    {
        Assert.Contains("no AVX512-BF16 or AMX", BFloat16Support.CpuProblem(false, null, () => null));
        Assert.Contains("DNNL_MAX_CPU_ISA=AVX2", BFloat16Support.CpuProblem(true, "AVX2", () => null));
        Assert.Contains("DNNL_MAX_CPU_ISA=avx512_core", BFloat16Support.CpuProblem(true, "avx512_core", () => null));
        Assert.Contains("20 -> 8 channels", BFloat16Support.CpuProblem(true, null, () => "20 -> 8 channels 3x3"));
        Assert.Null(BFloat16Support.CpuProblem(true, "AVX512_CORE_AMX", () => null));
        Assert.Null(BFloat16Support.CpuProblem(true, null, () => null));
    }

    [Fact]
    public void Rounding_to_bfloat16_is_to_nearest_even()
    {
        float one = 1f, justAbove = BitConverter.UInt32BitsToSingle(0x3F808000u), halfway = BitConverter.UInt32BitsToSingle(0x3F818000u);
        var rounded = BFloat16Support.RoundToBFloat16(new[] { one, justAbove, halfway, -2.5f });
        Assert.Equal(1f, rounded[0]);
        Assert.Equal(1f, rounded[1]); // a tie: down to the even mantissa
        Assert.Equal(BitConverter.UInt32BitsToSingle(0x3F820000u), rounded[2]); // a tie: up to the even mantissa
        Assert.Equal(-2.5f, rounded[3]);
    }
}
