using HideAndSeek.Tests.Networks;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.Torch;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Torch;

/// <summary>
/// libtorch 2.10's oneDNN computes float NCHW convolutions wrongly when the input channels exceed one SIMD block
/// (AVX-512: 16, AVX2: 8) without filling a whole number of them (see <see cref="CpuConvolution"/>). These tests hold
/// the convolution every network uses to a float64 reference written in C#, at the channel counts where the bug
/// strikes on either instruction set, so they fail on both kinds of machine if the safe path is lost
/// (HIDEANDSEEK_CONV_LAYOUT=libtorch switches it off for a demonstration). The AVX2 case runs in a child process with
/// oneDNN capped at AVX2, since the cap is read once per process.
/// </summary>
[Collection(TorchProcessStateCollection.Name)]
public class CpuConvolutionTests(ITestOutputHelper output)
{
    // Below a block, a block, past one block on AVX2 and AVX-512, multiples, and odd counts past two blocks.
    public static readonly int[] ChannelCounts = { 3, 8, 12, 13, 16, 20, 24, 33, 40, 48 };

    public static TheoryData<int, int, int> Cases()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int kernel in new[] { 1, 3, 5 })
        {
            foreach (int stride in new[] { 1, 2 })
            {
                foreach (int batch in new[] { 1, 3 })
                    data.Add(kernel, stride, batch);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Convolution_matches_a_float64_reference_at_every_channel_count(int kernel, int stride, int batch)
    {
        TorchRuntime.Initialize(TorchDevice.Cpu);
        var failures = ConvolutionRegression.Failures(CpuConvolution.Layout, kernel, stride, batch);
        foreach (var line in failures)
            output.WriteLine(line);
        Assert.True(failures.Count == 0, $"{CpuConvolution.Layout} on {CpuIsa.Describe()}: " + string.Join("; ", failures));
    }

    [Theory]
    [InlineData(CpuConvolutionLayout.ChannelsLast)]
    [InlineData(CpuConvolutionLayout.PaddedChannels)]
    internal void Both_safe_layouts_match_the_reference(CpuConvolutionLayout layout)
    {
        TorchRuntime.Initialize(TorchDevice.Cpu);
        var failures = new[] { 1, 3 }.SelectMany(k => ConvolutionRegression.Failures(layout, k, stride: 1, batch: 2)).ToList();
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    [Fact]
    public void Convolutions_are_also_right_with_onednn_capped_at_avx2()
    {
        var (code, text) = TestProcess.RunWithEnvironment(new Dictionary<string, string> { ["DNNL_MAX_CPU_ISA"] = "AVX2" }, "conv-regression");
        output.WriteLine(text);
        Assert.True(code == 0, $"child process with DNNL_MAX_CPU_ISA=AVX2 found wrong convolutions ({code}):\n{text}");
    }

    [Fact]
    public void Start_up_self_check_verifies_the_layout_in_use()
    {
        TorchRuntime.Initialize(TorchDevice.Cpu);
        var result = TorchRuntime.ConvolutionCheckResult;
        output.WriteLine(result.ToString());
        Assert.True(result.Verified, result.ToString());
        Assert.Equal(CpuConvolution.Layout, result.InUse);
        Assert.All(ConvolutionSelfCheck.ChannelCounts, c => Assert.True(ConvolutionSelfCheck.IsCorrect(c, result.InUse, repeats: 3)));
    }

    [Fact]
    public void Self_check_reports_wrong_default_convolutions_and_the_layout_it_uses()
    {
        var result = new ConvolutionCheckResult(new[] { 20, 24 }, CpuConvolutionLayout.ChannelsLast, CpuConvolutionLayout.PaddedChannels, true, 3.2);
        string line = result.ToString();
        Assert.Contains("wrong on this CPU for 20, 24 input channels", line);
        Assert.Contains("padded channels", line);
        Assert.Contains("after the configured layout failed", line);
    }
}

/// <summary>The regression cases, shared by the test above and the child process it starts.</summary>
internal static class ConvolutionRegression
{
    /// <summary>One line per channel count whose convolution differs from the float64 reference (none expected).</summary>
    public static List<string> Failures(CpuConvolutionLayout layout, int kernel, int stride, int batch)
    {
        var failures = new List<string>();
        const int height = 11, width = 13, outChannels = 7; // odd sizes on purpose
        foreach (int channels in CpuConvolutionTests.ChannelCounts)
        {
            int padding = kernel / 2;
            var x = ReferenceConvolution.Pattern(batch * channels * height * width, channels);
            var w = ReferenceConvolution.Pattern(outChannels * channels * kernel * kernel, channels + 17);
            var b = ReferenceConvolution.Pattern(outChannels, channels + 5);
            var expected = ReferenceConvolution.Compute(x, batch, channels, height, width, w, outChannels, kernel, b, stride, padding, out int oh, out int ow);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var input = tensor(x, new long[] { batch, channels, height, width });
            var weight = tensor(w, new long[] { outChannels, channels, kernel, kernel });
            // The bug reads stale memory, so one correct call proves little: repeat.
            for (int repeat = 0; repeat < 3; repeat++)
            {
                var y = CpuConvolution.Forward(input, weight, tensor(b), new long[] { stride, stride }, new long[] { padding, padding }, layout);
                if (!y.shape.SequenceEqual(new long[] { batch, outChannels, oh, ow }))
                {
                    failures.Add($"{channels} channels: shape [{string.Join(", ", y.shape)}]");
                    break;
                }
                var actual = y.contiguous().data<float>().ToArray();
                double worst = 0;
                for (int i = 0; i < actual.Length; i++)
                    worst = Math.Max(worst, double.IsFinite(actual[i]) ? Math.Abs(actual[i] - expected[i]) : double.PositiveInfinity);
                // Sums of at most 48 x 25 products of values in [-1, 1]: float rounding stays below 1e-4.
                if (worst > 1e-3)
                {
                    failures.Add($"{channels} channels, {kernel}x{kernel}/{stride}, batch {batch}: max error {worst:G3} (call {repeat + 1})");
                    break;
                }
            }
        }
        return failures;
    }

    /// <summary>The child process's entry: every case with the process's layout; exit code 1 on any failure.</summary>
    public static int RunAll()
    {
        TorchRuntime.Initialize(TorchDevice.Cpu);
        Console.WriteLine($"{CpuIsa.Describe()}: {TorchRuntime.ConvolutionCheck}");
        var failures = new List<string>();
        foreach (int kernel in new[] { 1, 3, 5 })
        {
            foreach (int stride in new[] { 1, 2 })
            {
                foreach (int batch in new[] { 1, 3 })
                    failures.AddRange(ConvolutionRegression.Failures(CpuConvolution.Layout, kernel, stride, batch));
            }
        }

        foreach (var line in failures)
            Console.WriteLine(line);
        return failures.Count == 0 ? 0 : 1;
    }
}
