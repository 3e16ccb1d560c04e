using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// The seed's GooglenetGAP: the mean-subtracted 64x64 input is resized bilinearly to 224x224, then GoogLeNet
/// (inception v1) up to inception 4e without auxiliary heads, and an extra 3x3 convolution. Every conv is a
/// <see cref="ConvBlock"/> (conv -> ReLU -> BatchNorm, no local response normalisation); all padding TF SAME.
/// Trunk layers (state keys "trunk.&lt;name&gt;"), sides for the 224x224 resized input:
/// <list type="table">
/// <item><term>conv1</term><description>7x7 stride 2, 64: 224 -> 112</description></item>
/// <item><term>pool1</term><description>max 3x3 stride 2: 112 -> 56</description></item>
/// <item><term>conv2_reduce, conv2</term><description>1x1, 64; 3x3, 192: 56</description></item>
/// <item><term>pool2</term><description>max 3x3 stride 2: 56 -> 28</description></item>
/// <item><term>inception3a, inception3b</term><description>256, 480 channels: 28</description></item>
/// <item><term>pool3</term><description>max 3x3 stride 2: 28 -> 14</description></item>
/// <item><term>inception4a .. inception4e</term><description>512, 512, 512, 528, 832 channels: 14</description></item>
/// <item><term>conv5</term><description>3x3, 1024: 14 (F = 14x14x1024)</description></item>
/// </list>
/// Inception branch widths (1x1; 3x3 reduce, 3x3; 5x5 reduce, 5x5; pool projection) are GoogLeNet's.
/// </summary>
internal sealed class GoogLeNetGap : GapNetwork
{
    /// <summary>The side the seed resizes the input to.</summary>
    public const int ResizedSide = 224;

    public GoogLeNetGap(GapNetworkOptions options)
        : base(nameof(GoogLeNetGap), GapArchitecture.GoogLeNetGap, options, BuildTrunk(options, out int channels),
            channels, GlobalPooling.Average)
    {
    }

    public override (int H, int W) FeatureMapSize(int inputH, int inputW)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputH);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputW);
        // conv1 and the three pools halve (rounding up): 224 -> 112 -> 56 -> 28 -> 14.
        int side = ResizedSide;
        for (int i = 0; i < 4; i++)
            side = TfSamePadding.OutputSize(side, 3, 2, TfPadding.Same);
        return (side, side);
    }

    internal override Tensor Preprocess(Tensor x)
    {
        using var centred = base.Preprocess(x);
        return Resize.Bilinear(centred, ResizedSide);
    }

    private static Sequential BuildTrunk(GapNetworkOptions options, out int featureChannels)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(); // before any layer is built from the widths
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int c1 = options.Channels(64), c2r = options.Channels(64), c2 = options.Channels(192);
        layers.Add(("conv1", new ConvBlock(3, c1, 7, 2, TfPadding.Same, options)));
        layers.Add(("pool1", new TfMaxPool2d(3, 2, TfPadding.Same)));
        layers.Add(("conv2_reduce", new ConvBlock(c1, c2r, 1, 1, TfPadding.Same, options)));
        layers.Add(("conv2", new ConvBlock(c2r, c2, 3, 1, TfPadding.Same, options)));
        layers.Add(("pool2", new TfMaxPool2d(3, 2, TfPadding.Same)));

        int channels = c2;
        void Inception(string name, InceptionWidths widths)
        {
            var module = new InceptionModule(channels, widths.Scale(options), options);
            channels = module.OutChannels;
            layers.Add((name, module));
        }

        Inception("inception3a", new(64, 96, 128, 16, 32, 32));
        Inception("inception3b", new(128, 128, 192, 32, 96, 64));
        layers.Add(("pool3", new TfMaxPool2d(3, 2, TfPadding.Same)));
        Inception("inception4a", new(192, 96, 208, 16, 48, 64));
        Inception("inception4b", new(160, 112, 224, 24, 64, 64));
        Inception("inception4c", new(128, 128, 256, 24, 64, 64));
        Inception("inception4d", new(112, 144, 288, 32, 64, 64));
        Inception("inception4e", new(256, 160, 320, 32, 128, 128));

        featureChannels = options.Channels(1024);
        layers.Add(("conv5", new ConvBlock(channels, featureChannels, 3, 1, TfPadding.Same, options)));
        return nn.Sequential(layers.ToArray());
    }
}
