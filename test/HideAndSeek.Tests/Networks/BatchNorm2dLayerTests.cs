using HideAndSeek.Networks;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Networks;

/// <summary>
/// The networks' BatchNorm against a float64 reference and against TorchSharp's BatchNorm2d (whose place it takes):
/// outputs, running statistics, batch counter and the saved bytes.
/// </summary>
public class BatchNorm2dLayerTests
{
    private const double Epsilon = 1e-3, Momentum = 0.1;

    [Theory]
    [InlineData(1, 7, 3, 5)]  // batch 1, channels not a multiple of 8, odd sides
    [InlineData(3, 13, 4, 1)]
    public void Training_normalises_by_the_batch_and_updates_running_statistics_like_a_float64_reference(int n, int c, int h, int w)
    {
        using var scope = NewDisposeScope();
        using var layer = new BatchNorm2dLayer(c, Epsilon, Momentum);
        var random = new Random(c);
        using (no_grad())
        {
            layer.Weight.copy_(tensor(Enumerable.Range(0, c).Select(_ => (float)(random.NextDouble() + 0.5)).ToArray()));
            layer.Bias.copy_(tensor(Enumerable.Range(0, c).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray()));
        }
        var values = Enumerable.Range(0, n * c * h * w).Select(_ => (float)(random.NextDouble() * 10 - 3)).ToArray();
        layer.train();
        var output = layer.forward(tensor(values, new long[] { n, c, h, w })).data<float>().ToArray();

        var weight = layer.Weight.data<float>().ToArray();
        var bias = layer.Bias.data<float>().ToArray();
        var runningMean = layer.RunningMean.data<float>().ToArray();
        var runningVariance = layer.RunningVariance.data<float>().ToArray();
        int count = n * h * w;
        for (int ch = 0; ch < c; ch++)
        {
            var items = Items(values, n, c, h * w, ch).ToList();
            double mean = items.Average(i => (double)values[i]);
            double variance = items.Sum(i => (values[i] - mean) * (values[i] - mean)) / count;
            foreach (int i in items)
            {
                double expected = (values[i] - mean) / Math.Sqrt(variance + Epsilon) * weight[ch] + bias[ch];
                Assert.True(Math.Abs(output[i] - expected) < 1e-4, $"channel {ch}, item {i}: {output[i]} vs {expected}");
            }
            double unbiased = count > 1 ? variance * count / (count - 1) : variance;
            Assert.Equal(Momentum * mean, runningMean[ch], 1e-4);
            Assert.Equal((1 - Momentum) + Momentum * unbiased, runningVariance[ch], 1e-3);
        }
        Assert.Equal(1L, layer.BatchesTracked.item<long>());
    }

    [Fact]
    public void It_computes_and_saves_what_TorchSharps_BatchNorm2d_does()
    {
        using var scope = NewDisposeScope();
        using var ours = new BatchNorm2dLayer(5, Epsilon, Momentum);
        using var theirs = nn.BatchNorm2d(5, Epsilon, Momentum);
        Assert.Equal(theirs.state_dict().Keys, ours.state_dict().Keys);
        Assert.Equal(Save(theirs), Save(ours));

        var generator = new Generator(7);
        ours.train();
        theirs.train();
        for (int batch = 0; batch < 3; batch++)
        {
            var x = randn(new long[] { 2, 5, 3, 3 }, generator: generator);
            Assert.Equal(theirs.forward(x).data<float>().ToArray(), ours.forward(x).data<float>().ToArray());
        }
        ours.eval();
        theirs.eval();
        var y = randn(new long[] { 1, 5, 2, 3 }, generator: generator);
        Assert.Equal(theirs.forward(y).data<float>().ToArray(), ours.forward(y).data<float>().ToArray());
        Assert.Equal(3L, ours.BatchesTracked.item<long>());
        Assert.Equal(Save(theirs), Save(ours));
    }

    [Fact]
    public void Evaluation_leaves_the_statistics_and_the_counter_alone()
    {
        using var scope = NewDisposeScope();
        using var layer = new BatchNorm2dLayer(3, Epsilon, Momentum);
        layer.eval();
        layer.forward(randn(2, 3, 4, 4));
        Assert.Equal(0L, layer.BatchesTracked.item<long>());
        Assert.Equal(new float[3], layer.RunningMean.data<float>().ToArray());
    }

    private static IEnumerable<int> Items(float[] values, int n, int c, int plane, int channel) =>
        Enumerable.Range(0, n).SelectMany(b => Enumerable.Range((b * c + channel) * plane, plane));

    private static byte[] Save(nn.Module module)
    {
        using var stream = new MemoryStream();
        module.save(stream);
        return stream.ToArray();
    }
}
