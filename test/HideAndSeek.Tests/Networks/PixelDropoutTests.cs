using HideAndSeek.Networks;
using static HideAndSeek.Tests.Networks.NetworkTestSupport;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Networks;

public class PixelDropoutTests
{
    private static readonly float[] Mean = GapNetworkOptions.SeedMeanPixel.ToArray();

    [Fact]
    public void Pixel_dropout_zeroes_all_channels_of_a_position_together_and_scales_the_rest()
    {
        using var scope = NewDisposeScope();
        var x = Pixels(2, 32, 32).add(1f); // strictly positive, so a zero can only come from dropout
        using var generator = new Generator(3, CPU);

        var y = PixelDropout.Apply(x, 0.5, generator);

        var dropped = y.eq(0f);                                  // [B, 3, H, W]
        var droppedPixels = dropped.all(1);                      // every channel zero
        Assert.True(Same(dropped.any(1), droppedPixels), "a position was dropped in some channels only");
        var kept = droppedPixels.logical_not().unsqueeze(1).expand_as(x);
        Assert.True(Same(y.masked_select(kept), x.masked_select(kept).mul(2f)));
        double share = droppedPixels.to_type(ScalarType.Float32).mean().item<float>();
        Assert.InRange(share, 0.4, 0.6);
    }

    [Fact]
    public void DropAlexNetGap_in_training_shows_conv1_zeros_at_dropped_pixels()
    {
        using var scope = NewDisposeScope();
        using var net = Create(GapArchitecture.DropAlexNetGap, withoutResize: true);
        net.train();
        var x = Pixels(2, 64, 64).add(0.25f); // .25 off the integers, so x never equals the (.x6) mean exactly

        var seen = net.Preprocess(x);

        var droppedPixels = seen.eq(0f).all(1);
        double share = droppedPixels.to_type(ScalarType.Float32).mean().item<float>();
        Assert.InRange(share, 0.4, 0.6);
        Assert.True(Same(seen.eq(0f).any(1), droppedPixels), "a position was dropped in some channels only");
        var kept = droppedPixels.logical_not().unsqueeze(1).expand_as(x);
        var centred = x.sub(tensor(Mean).reshape(1, 3, 1, 1));
        Assert.True(Same(seen.masked_select(kept), centred.masked_select(kept).mul(2f)));
    }

    [Fact]
    public void Drop2AlexNetGap_in_training_shows_conv1_minus_the_mean_at_dropped_pixels()
    {
        using var scope = NewDisposeScope();
        using var net = Create(GapArchitecture.Drop2AlexNetGap, withoutResize: true);
        net.train();
        var x = Pixels(2, 64, 64).add(0.25f);
        var mean = tensor(Mean).reshape(1, 3, 1, 1);

        var seen = net.Preprocess(x);

        // Dropout before the subtraction: a dropped pixel is black (0) minus the mean; a kept one is 2x - mean.
        var isMinusMean = seen.eq(mean.neg());
        var droppedPixels = isMinusMean.all(1);
        double share = droppedPixels.to_type(ScalarType.Float32).mean().item<float>();
        Assert.InRange(share, 0.4, 0.6);
        Assert.True(Same(isMinusMean.any(1), droppedPixels), "a position was dropped in some channels only");
        var kept = droppedPixels.logical_not().unsqueeze(1).expand_as(x);
        Assert.True(Same(seen.masked_select(kept), x.mul(2f).sub(mean).masked_select(kept)));
    }

    [Theory]
    [InlineData(GapArchitecture.DropAlexNetGap)]
    [InlineData(GapArchitecture.Drop2AlexNetGap)]
    internal void Dropout_networks_in_eval_mode_are_deterministic_and_equal_AlexNetGap_with_the_same_weights(
        GapArchitecture architecture)
    {
        using var scope = NewDisposeScope();
        using var dropNet = Create(architecture, withoutResize: true, initSeed: 21);
        using var plain = Create(GapArchitecture.AlexNetGap, withoutResize: true, initSeed: 21);
        Assert.True(SameState(CloneState(dropNet), CloneState(plain)), "same seed, same layers: same weights");
        dropNet.eval();
        plain.eval();
        using var noGrad = no_grad();
        var x = Pixels(3, 64, 64);

        var first = dropNet.forward(x);
        var second = dropNet.forward(x);
        var reference = plain.forward(x);

        Assert.True(Same(first, second));
        Assert.True(Same(first, reference));
        Assert.True(Same(dropNet.Preprocess(x), x.sub(tensor(Mean).reshape(1, 3, 1, 1))));
    }

    [Fact]
    public void Dropout_networks_in_training_mode_differ_between_passes()
    {
        using var scope = NewDisposeScope();
        using var net = Create(GapArchitecture.DropAlexNetGap, withoutResize: true);
        net.train();
        var x = Pixels(2, 64, 64);
        Assert.False(Same(net.Preprocess(x), net.Preprocess(x)));
    }
}
