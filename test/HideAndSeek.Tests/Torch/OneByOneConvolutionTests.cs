using HideAndSeek.Torch;
using Xunit.Abstractions;
using static HideAndSeek.Tests.Networks.NetworkTestSupport;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Torch;

/// <summary>
/// 1x1 convolutions, which oneDNN's channels-last 1x1 kernel computes wrongly for output channel counts it pads to its
/// block (80, 112, 512 below; ResNet18's projections and GoogLeNet's 112-channel layers), through CpuConvolution's
/// 1x2 form: values and gradients against float64 references, and batch invariance.
/// </summary>
public class OneByOneConvolutionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(64, 80, 1, 7)]
    [InlineData(64, 512, 1, 7)]
    [InlineData(512, 112, 1, 14)]
    [InlineData(256, 512, 2, 14)]
    [InlineData(20, 80, 2, 9)]
    public void One_by_one_convolutions_match_the_float64_reference(int inChannels, int outChannels, int stride, int side)
    {
        TorchRuntime.Initialize(TorchDevice.Cpu);
        const int batch = 2;
        var x = ReferenceConvolution.Pattern(batch * inChannels * side * side, inChannels);
        var w = ReferenceConvolution.Pattern(outChannels * inChannels, 3);
        var expected = ReferenceConvolution.Compute(x, batch, inChannels, side, side, w, outChannels, 1, null, stride, 0, out _, out _);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = CpuConvolution.ToChannelsLast(tensor(x, new long[] { batch, inChannels, side, side }));
        var weight = tensor(w, new long[] { outChannels, inChannels, 1, 1 });

        var y = CpuConvolution.Forward(input, weight, null, new long[] { stride, stride }, new long[] { 0, 0 });

        var actual = y.contiguous().data<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        double maxDiff = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        output.WriteLine($"max |CpuConvolution - float64| = {maxDiff:E2}");
        Assert.True(maxDiff < 1e-3, $"max difference {maxDiff}");
    }

    [Theory]
    [InlineData(256, 512, 2, 14)]
    [InlineData(64, 512, 1, 7)]
    public void One_by_one_gradients_match_the_float64_reference(int inChannels, int outChannels, int stride, int side)
    {
        TorchRuntime.Initialize(TorchDevice.Cpu);
        using var scope = NewDisposeScope();
        using var generator = new Generator(3, CPU);
        var x = CpuConvolution.ToChannelsLast(randn(new long[] { 3, inChannels, side, side }, generator: generator)).requires_grad_(true);
        var w = randn(new long[] { outChannels, inChannels, 1, 1 }, generator: generator).div(Math.Sqrt(inChannels)).requires_grad_(true);

        var y = CpuConvolution.Forward(x, w, null, new long[] { stride, stride }, new long[] { 0, 0 });
        var upstream = randn(y.shape, generator: generator);
        y.backward(new[] { upstream });

        // y[n, o, i, j] = sum_c w[o, c] x[n, c, s i, s j]: both gradients in closed form, in float64.
        Tensor xs, gy, wd;
        using (no_grad())
        {
            xs = x.detach().to(float64)[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(0, null, stride), TensorIndex.Slice(0, null, stride)];
            gy = upstream.to(float64);
            wd = w.detach().to(float64).view(outChannels, inChannels);
        }
        var expectedW = einsum("nohw,nchw->oc", gy, xs).view(outChannels, inChannels, 1, 1);
        var expectedX = zeros(x.shape, float64);
        expectedX[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(0, null, stride), TensorIndex.Slice(0, null, stride)] =
            einsum("oc,nohw->nchw", wd, gy);
        double dw = w.grad!.to(float64).sub(expectedW).abs().max().item<double>();
        double dx = x.grad!.to(float64).sub(expectedX).abs().max().item<double>();
        output.WriteLine($"max gradient error: weight {dw:E2}, input {dx:E2}");
        Assert.True(dw < 1e-3 && dx < 1e-3, $"weight {dw}, input {dx}");
    }

    [Theory]
    [InlineData(256, 512, 2, 14)]
    [InlineData(64, 80, 1, 7)]
    public void A_one_by_one_convolution_gives_an_image_alone_what_it_gives_it_in_a_batch(int inChannels, int outChannels, int stride, int side)
    {
        TorchRuntime.Initialize(TorchDevice.Cpu);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var generator = new Generator(4, CPU);
        var x = CpuConvolution.ToChannelsLast(randn(new long[] { 5, inChannels, side, side }, generator: generator));
        var w = randn(new long[] { outChannels, inChannels, 1, 1 }, generator: generator);
        var strides = new long[] { stride, stride };

        var together = CpuConvolution.Forward(x, w, null, strides, new long[] { 0, 0 });
        for (int i = 0; i < 5; i++)
        {
            var alone = CpuConvolution.Forward(x.narrow(0, i, 1), w, null, strides, new long[] { 0, 0 });
            Assert.True(Same(together.narrow(0, i, 1), alone), $"image {i} differs alone");
        }
    }
}
