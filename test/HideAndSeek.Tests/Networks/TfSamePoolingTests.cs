using HideAndSeek.Networks;
using HideAndSeek.Torch;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Networks;

public class TfSamePoolingTests
{
    public TfSamePoolingTests() => TorchRuntime.Initialize(TorchDevice.Cpu);

    [Theory]
    [InlineData(30, 3, 2, 0, 1)] // SmallAlexNet pool1: 30 -> 15
    [InlineData(15, 3, 2, 1, 1)] // SmallAlexNet pool2: 15 -> 8
    [InlineData(64, 7, 2, 2, 3)] // a 7x7/2 SAME conv: 64 -> 32
    [InlineData(224, 7, 2, 2, 3)] // GoogLeNet conv1: 224 -> 112
    [InlineData(112, 3, 2, 0, 1)] // GoogLeNet pool1: 112 -> 56
    [InlineData(5, 3, 1, 1, 1)]
    [InlineData(4, 1, 3, 0, 0)]
    public void Same_pads_follow_the_TensorFlow_formula(int input, int kernel, int stride, int before, int after)
    {
        int output = (input + stride - 1) / stride;
        int total = Math.Max((output - 1) * stride + kernel - input, 0);
        Assert.Equal(before + after, total);
        Assert.Equal((before, after), TfSamePadding.Pads(input, kernel, stride));
    }

    [Fact]
    public void Same_and_valid_pooling_give_TensorFlow_output_sizes_and_window_maxima_on_odd_and_even_sizes()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(9, CPU);
        for (int size = 1; size <= 13; size++)
        {
            for (int kernel = 1; kernel <= 4; kernel++)
            {
                for (int stride = 1; stride <= 3; stride++)
                {
                    // Height `size`, width `size + 1`: one odd and one even axis per case.
                    var x = randn(new long[] { 2, 2, size, size + 1 }, generator: generator);
                    CheckPool(x, kernel, stride, TfPadding.Same);
                    if (size >= kernel)
                        CheckPool(x, kernel, stride, TfPadding.Valid);
                }
            }
        }
    }

    [Fact]
    public void Same_pooling_pads_with_minus_infinity_so_padding_never_wins()
    {
        using var scope = NewDisposeScope();
        using var pool = new TfMaxPool2d(3, 2, TfPadding.Same);
        var x = full(new long[] { 1, 1, 30, 30 }, -5f);

        var y = pool.forward(x);

        Assert.Equal(new long[] { 1, 1, 15, 15 }, y.shape);
        Assert.True(y.eq(-5f).all().item<bool>());
    }

    private static void CheckPool(Tensor x, int kernel, int stride, TfPadding padding)
    {
        using var pool = new TfMaxPool2d(kernel, stride, padding);
        var y = pool.forward(x);
        int h = (int)x.shape[2], w = (int)x.shape[3];
        int oh = padding == TfPadding.Same ? (h + stride - 1) / stride : (h - kernel) / stride + 1;
        int ow = padding == TfPadding.Same ? (w + stride - 1) / stride : (w - kernel) / stride + 1;
        string where = $"{padding} k={kernel} s={stride} in={h}x{w}";
        Assert.True(new long[] { 2, 2, oh, ow }.SequenceEqual(y.shape), $"{where}: shape [{string.Join(", ", y.shape)}]");
        Assert.Equal(oh, pool.OutputSize(h));
        Assert.Equal(ow, pool.OutputSize(w));

        // Reference: the maximum over the window clipped to the image, the window starting `before` pixels early.
        int top = padding == TfPadding.Same ? TfSamePadding.Pads(h, kernel, stride).Before : 0;
        int left = padding == TfPadding.Same ? TfSamePadding.Pads(w, kernel, stride).Before : 0;
        var input = x.data<float>().ToArray();
        var output = y.data<float>().ToArray();
        for (int plane = 0; plane < 4; plane++)
        {
            for (int r = 0; r < oh; r++)
            {
                for (int c = 0; c < ow; c++)
                {
                    float expected = float.NegativeInfinity;
                    for (int i = r * stride - top; i < r * stride - top + kernel; i++)
                    {
                        for (int j = c * stride - left; j < c * stride - left + kernel; j++)
                        {
                            if (i >= 0 && i < h && j >= 0 && j < w)
                                expected = Math.Max(expected, input[(plane * h + i) * w + j]);
                        }
                    }

                    Assert.True(expected == output[(plane * oh + r) * ow + c], $"{where}: wrong maximum at ({r}, {c})");
                }
            }
        }
    }
}
