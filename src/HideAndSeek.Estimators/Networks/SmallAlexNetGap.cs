using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// The seed's SmallAlexnetGAP for 64x64 input. Trunk layers (state keys "trunk.&lt;name&gt;"), every conv a
/// <see cref="ConvBlock"/> (conv -> ReLU -> BatchNorm), sides for a 64x64 input:
/// <list type="table">
/// <item><term>conv1</term><description>5x5 stride 2 VALID, 96: 64 -> 30</description></item>
/// <item><term>pool1</term><description>max 3x3 stride 2 SAME: 30 -> 15</description></item>
/// <item><term>conv2</term><description>3x3 SAME, 256: 15</description></item>
/// <item><term>pool2</term><description>max 3x3 stride 2 SAME: 15 -> 8</description></item>
/// <item><term>conv3, conv4, conv5, conv6</term><description>3x3 SAME, 384, 384, 256, 512: 8 (F = 8x8x512)</description></item>
/// </list>
/// Global average pooling, then the classifier 512 -> K.
/// </summary>
internal sealed class SmallAlexNetGap : GapNetwork
{
    public SmallAlexNetGap(GapNetworkOptions options)
        : base(nameof(SmallAlexNetGap), GapArchitecture.SmallAlexNetGap, options, BuildTrunk(options, out int channels),
            channels, GlobalPooling.Average)
    {
    }

    public override (int H, int W) FeatureMapSize(int inputH, int inputW) => (Side(inputH), Side(inputW));

    private static int Side(int input)
    {
        int s = TfSamePadding.OutputSize(input, 5, 2, TfPadding.Valid);
        s = TfSamePadding.OutputSize(s, 3, 2, TfPadding.Same);
        return TfSamePadding.OutputSize(s, 3, 2, TfPadding.Same);
    }

    private static Sequential BuildTrunk(GapNetworkOptions options, out int featureChannels)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(); // before any layer is built from the widths
        int c1 = options.Channels(96), c2 = options.Channels(256), c3 = options.Channels(384),
            c4 = options.Channels(384), c5 = options.Channels(256), c6 = options.Channels(512);
        featureChannels = c6;
        return nn.Sequential(
            ("conv1", new ConvBlock(3, c1, 5, 2, TfPadding.Valid, options)),
            ("pool1", new TfMaxPool2d(3, 2, TfPadding.Same)),
            ("conv2", new ConvBlock(c1, c2, 3, 1, TfPadding.Same, options)),
            ("pool2", new TfMaxPool2d(3, 2, TfPadding.Same)),
            ("conv3", new ConvBlock(c2, c3, 3, 1, TfPadding.Same, options)),
            ("conv4", new ConvBlock(c3, c4, 3, 1, TfPadding.Same, options)),
            ("conv5", new ConvBlock(c4, c5, 3, 1, TfPadding.Same, options)),
            ("conv6", new ConvBlock(c5, c6, 3, 1, TfPadding.Same, options)));
    }
}
