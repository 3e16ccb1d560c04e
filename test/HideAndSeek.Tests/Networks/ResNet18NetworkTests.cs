using HideAndSeek.Networks;
using HideAndSeek.Torch;
using static HideAndSeek.Tests.Networks.NetworkTestSupport;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Networks;

/// <summary>The ResNet18 module's layout: layer shapes in the ONNX graph's order, parameter count, feature map sizes.</summary>
public class ResNet18NetworkTests
{
    [Theory]
    [InlineData(null, false, 7)]
    [InlineData(null, true, 14)]
    [InlineData(160, false, 5)]
    [InlineData(112, true, 7)]
    public void Feature_map_has_512_channels_at_the_documented_side(int? resizedSide, bool highResolution, int side)
    {
        using var scope = NewDisposeScope();
        using var net = Create(resizedSide, highResolution);
        net.eval();
        using var noGrad = no_grad();

        var f = net.FeatureMap(Pixels(1, 64, 64));

        Assert.Equal(Shape(1, 512, side, side), f.shape);
        Assert.Equal((side, side), net.FeatureMapSize(64, 64));
        Assert.Equal(512, net.FeatureChannels);
    }

    [Fact]
    public void Layers_in_data_flow_order_have_the_graphs_shapes_strides_and_pads()
    {
        using var net = Create(null, false);
        var layers = net.ConvolutionLayers.Select(l => $"{l.Name} [{string.Join("x", l.Conv.Weight.shape)}] s{l.Conv.Stride} {l.Conv.Padding}").ToList();

        Assert.Equal(22, layers.Count); // stem, 9 blocks x 2, 3 projections
        Assert.Equal("conv1 [64x3x7x7] s2 [3, 3, 2, 2]", layers[0]);
        Assert.Equal("layer1.0.conv1 [64x64x3x3] s1 [1, 1, 1, 1]", layers[1]);
        Assert.Equal("layer2.0.conv1 [128x64x3x3] s2 [1, 1, 0, 0]", layers[5]);
        Assert.Equal("layer2.0.shortcut_conv [128x64x1x1] s2 [0, 0, 0, 0]", layers[7]);
        Assert.Equal("layer4.0.conv1 [512x256x3x3] s2 [1, 1, 0, 0]", layers[15]);
        Assert.Equal("layer4.2.conv2 [512x512x3x3] s1 [1, 1, 1, 1]", layers[^1]);
        Assert.Equal(3, layers.Count(l => l.Contains("shortcut")));
        Assert.All(net.ConvolutionLayers, l => Assert.Equal(1e-5, l.Bn.Epsilon));
        Assert.Equal((3, 2, new ExplicitPadding(1, 1, 0, 0)), (net.StemPool.Kernel, net.StemPool.Stride, net.StemPool.Padding));

        using var highResolution = Create(null, true);
        var layer4 = highResolution.ConvolutionLayers.Where(l => l.Name.StartsWith("layer4.0.")).Select(l => (l.Conv.Stride, l.Conv.Padding)).ToList();
        Assert.Equal(new[] { (1, ExplicitPadding.Uniform(1)), (1, ExplicitPadding.Uniform(1)), (1, default(ExplicitPadding)) }, layer4);
    }

    [Fact]
    public void Parameter_count_is_the_hand_computed_one_and_with_the_batchnorm_statistics_the_onnx_graphs()
    {
        long conv =
            7 * 7 * 3 * 64                                                    // stem
            + 4 * (3 * 3 * 64 * 64)                                           // layer1: 2 blocks
            + 3 * 3 * 64 * 128 + 3 * 3 * 128 * 128 + 64 * 128 + 2 * (3 * 3 * 128 * 128)       // layer2: projection block + 1
            + 3 * 3 * 128 * 256 + 3 * 3 * 256 * 256 + 128 * 256 + 2 * (3 * 3 * 256 * 256)     // layer3
            + 3 * 3 * 256 * 512 + 3 * 3 * 512 * 512 + 256 * 512 + 4 * (3 * 3 * 512 * 512);   // layer4: projection block + 2
        long batchNormChannels = 64 + 4 * 64 + 5 * 128 + 5 * 256 + 7 * 512;  // every conv is followed by one
        using var net = Create(null, false, classes: 10);

        Assert.Equal(conv + 2 * batchNormChannels + 10 * 512, ParameterCount(net));
        // The ONNX file's initializers: every conv weight and four values per BatchNorm channel.
        Assert.Equal(15_908_800, conv + 4 * batchNormChannels);
    }

    [Theory]
    [InlineData(112, false)]
    [InlineData(200, true)]
    [InlineData(16, false)]
    public void Sides_whose_strided_layers_do_not_line_up_are_rejected(int side, bool highResolution)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Create(side, highResolution));
        Assert.Contains(highResolution ? "multiple of 16" : "multiple of 32", e.Message);
    }

    private static ResNet18Gap Create(int? resizedSide, bool highResolution, int classes = 5)
    {
        TorchRuntime.Initialize(TorchDevice.Cpu);
        return new ResNet18Gap(new GapNetworkOptions
        {
            NumClasses = classes,
            ResizedSide = resizedSide,
            HighResolutionCam = highResolution,
            InitSeed = 1,
        });
    }
}
