using HideAndSeek.Networks;
using static HideAndSeek.Tests.Networks.NetworkTestSupport;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Networks;

public class NetworkShapeTests
{
    // Feature channels at the narrow width: 512 / 8 = 64, GoogLeNet 1024 / 8 = 128.
    [Theory]
    [InlineData(GapArchitecture.SmallAlexNetGap, 2, false, 64, 8)]
    [InlineData(GapArchitecture.SmallAlexNetGap16, 2, false, 64, 16)]
    [InlineData(GapArchitecture.CustomNetGap, 2, false, 64, 8)]
    [InlineData(GapArchitecture.AlexNetGap, 1, false, 64, 13)]
    [InlineData(GapArchitecture.AlexNetGap, 2, true, 64, 2)]
    [InlineData(GapArchitecture.AlexNetGmp, 2, true, 64, 2)]
    [InlineData(GapArchitecture.DropAlexNetGap, 2, true, 64, 2)]
    [InlineData(GapArchitecture.Drop2AlexNetGap, 2, true, 64, 2)]
    [InlineData(GapArchitecture.GoogLeNetGap, 1, false, 128, 14)]
    internal void Feature_map_and_logits_have_the_documented_shapes_for_64_pixel_input(
        GapArchitecture architecture, int batch, bool withoutResize, int channels, int side)
    {
        using var scope = NewDisposeScope();
        using var net = Create(architecture, classes: 7, withoutResize: withoutResize);
        net.eval();
        using var noGrad = no_grad();
        var x = Pixels(batch, 64, 64);

        var f = net.FeatureMap(x);
        var logits = net.forward(x);

        Assert.Equal(Shape(batch, channels, side, side), f.shape);
        Assert.Equal(Shape(batch, 7), logits.shape);
        Assert.Equal(channels, net.FeatureChannels);
        Assert.Equal((side, side), net.FeatureMapSize(64, 64));
        Assert.Equal(64, net.InputSize);
        Assert.Equal(architecture, net.Architecture);
        Assert.Equal(Shape(7, channels), net.Classifier.weight!.shape);
    }

    [Theory]
    [InlineData(GapArchitecture.SmallAlexNetGap, 48, 80)]
    [InlineData(GapArchitecture.SmallAlexNetGap16, 45, 70)]
    [InlineData(GapArchitecture.CustomNetGap, 50, 33)]
    [InlineData(GapArchitecture.AlexNetGap, 71, 64)]
    internal void Analytic_feature_map_size_matches_a_forward_pass_on_other_input_sizes(
        GapArchitecture architecture, int height, int width)
    {
        using var scope = NewDisposeScope();
        using var net = Create(architecture, withoutResize: true);
        net.eval();
        using var noGrad = no_grad();

        var f = net.FeatureMap(Pixels(1, height, width));

        var (h, w) = net.FeatureMapSize(height, width);
        Assert.Equal(Shape(1, net.FeatureChannels, h, w), f.shape);
    }

    /// <summary>Each trunk layer's (name, output channels, side) for a 64x64 image at the seed's width.</summary>
    public static TheoryData<GapArchitecture, string[]> LayerShapes => new()
    {
        // The seed's customnet_gap.py: conv 3x3/1 SAME, pools 2x2/2 after conv1, fire3 and fire6; F 8x8x512.
        { GapArchitecture.CustomNetGap, ["conv1 96 64", "pool1 96 32", "fire2 128 32", "fire3 192 32", "pool3 192 16",
            "fire4 256 16", "fire5 320 16", "fire6 320 16", "pool6 320 8", "fire7 512 8", "conv6 512 8"] },
        // SmallAlexNet with conv1 SAME (64 -> 32) and no second pool: F 16x16x512.
        { GapArchitecture.SmallAlexNetGap16, ["conv1 96 32", "pool1 96 16", "conv2 256 16", "conv3 384 16",
            "conv4 384 16", "conv5 256 16", "conv6 512 16"] },
        { GapArchitecture.SmallAlexNetGap, ["conv1 96 30", "pool1 96 15", "conv2 256 15", "pool2 256 8", "conv3 384 8",
            "conv4 384 8", "conv5 256 8", "conv6 512 8"] },
    };

    [Theory]
    [MemberData(nameof(LayerShapes))]
    internal void Trunk_layers_have_the_documented_widths_and_sides(GapArchitecture architecture, string[] expected)
    {
        using var scope = NewDisposeScope();
        using var net = Create(architecture, width: 1.0);
        net.eval();
        using var noGrad = no_grad();
        var x = net.Preprocess(Pixels(1, 64, 64));

        var seen = new List<string>();
        foreach (var (name, layer) in net.Trunk.named_children())
        {
            x = ((nn.Module<Tensor, Tensor>)layer).forward(x);
            Assert.Equal(x.shape[2], x.shape[3]);
            seen.Add($"{name} {x.shape[1]} {x.shape[2]}");
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public void Resizing_networks_give_the_same_feature_map_size_whatever_the_input_size()
    {
        using var alex = Create(GapArchitecture.AlexNetGap);
        using var google = Create(GapArchitecture.GoogLeNetGap);
        Assert.Equal((13, 13), alex.FeatureMapSize(40, 100));
        Assert.Equal((14, 14), google.FeatureMapSize(64, 64));
        Assert.Equal((14, 14), google.FeatureMapSize(500, 17));
    }

    [Fact]
    public void AlexNet_without_resize_rejects_inputs_smaller_than_its_first_kernel()
    {
        using var net = Create(GapArchitecture.AlexNetGap, withoutResize: true);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.FeatureMapSize(10, 64));
    }

    [Theory]
    [InlineData(GapArchitecture.CustomNetGap, 8)]
    [InlineData(GapArchitecture.SmallAlexNetGap16, 16)]
    [InlineData(GapArchitecture.DropAlexNetGap, 13)]
    [InlineData(GapArchitecture.Drop2AlexNetGap, 13)]
    internal void Training_mode_forward_gives_the_same_shapes(GapArchitecture architecture, int side)
    {
        using var scope = NewDisposeScope();
        using var net = Create(architecture);
        net.train();
        var x = Pixels(2, 64, 64);

        Assert.Equal(Shape(2, net.FeatureChannels, side, side), net.FeatureMap(x).shape);
        Assert.Equal(Shape(2, 5), net.forward(x).shape);
    }

    [Fact]
    public void Inputs_that_are_not_three_channel_images_are_rejected_with_their_shape()
    {
        using var scope = NewDisposeScope();
        using var net = Create(GapArchitecture.SmallAlexNetGap);
        var e = Assert.Throws<ArgumentException>(() => net.forward(zeros(2, 1, 64, 64)));
        Assert.Contains("[2, 1, 64, 64]", e.Message);
    }

    [Fact]
    public void Average_pooling_is_the_spatial_mean_and_max_pooling_the_spatial_maximum()
    {
        using var scope = NewDisposeScope();
        using var gap = Create(GapArchitecture.AlexNetGap, withoutResize: true);
        using var gmp = Create(GapArchitecture.AlexNetGmp, withoutResize: true);
        var f = randn(2, 4, 3, 5);

        Assert.Equal(GlobalPooling.Average, gap.Pooling);
        Assert.Equal(GlobalPooling.Max, gmp.Pooling);
        Assert.True(gap.Pool(f).allclose(f.mean(new long[] { 2, 3 })));
        Assert.True(Same(gmp.Pool(f), f.flatten(2).max(2).values));
    }

    [Fact]
    public void A_network_built_inside_a_dispose_scope_outlives_it()
    {
        GapNetwork net;
        using (NewDisposeScope())
            net = Create(GapArchitecture.SmallAlexNetGap);
        using (net)
        using (NewDisposeScope())
        {
            net.eval();
            using var noGrad = no_grad();
            var logits = net.forward(Pixels(1, 64, 64));
            Assert.Equal(Shape(1, 5), logits.shape);
            Assert.Equal(GapNetworkOptions.SeedMeanPixel, net.MeanPixel.data<float>().ToArray());
        }
    }
}
