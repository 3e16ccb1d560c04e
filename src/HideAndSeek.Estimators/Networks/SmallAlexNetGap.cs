using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// The seed's SmallAlexnetGAP for 64x64 input, and its 16x16-CAM variant SmallAlexNetGap16. Trunk layers (state keys
/// "trunk.&lt;name&gt;"), every conv a <see cref="ConvBlock"/> (conv -> ReLU -> BatchNorm), sides for a 64x64 input:
/// <list type="table">
/// <item><term>conv1</term><description>5x5 stride 2, 96: VALID 64 -> 30 (SmallAlexNetGap16: SAME 64 -> 32)</description></item>
/// <item><term>pool1</term><description>max 3x3 stride 2 SAME: 30 -> 15 (16: 32 -> 16)</description></item>
/// <item><term>conv2</term><description>3x3 SAME, 256: 15 (16: 16)</description></item>
/// <item><term>pool2</term><description>max 3x3 stride 2 SAME: 15 -> 8 (absent in SmallAlexNetGap16)</description></item>
/// <item><term>conv3, conv4, conv5, conv6</term><description>3x3 SAME, 384, 384, 256, 512: F = 8x8x512 (16: 16x16x512)</description></item>
/// </list>
/// Global average pooling, then the classifier 512 -> K. The 16x16 variant has the same parameters; its last four
/// convolutions run on four times as many positions, so it costs about 3.5 times as much per image.
/// </summary>
internal sealed class SmallAlexNetGap : GapNetwork
{
    public SmallAlexNetGap(GapNetworkOptions options, GapArchitecture architecture = GapArchitecture.SmallAlexNetGap)
        : base(architecture.ToString(), architecture, options, BuildTrunk(options, Fine(architecture), out int channels),
            channels, GlobalPooling.Average)
    {
    }

    public override (int H, int W) FeatureMapSize(int inputH, int inputW) =>
        (Side(inputH, Fine(Architecture)), Side(inputW, Fine(Architecture)));

    /// <summary>Whether <paramref name="architecture"/> is the 16x16-CAM variant (SAME conv1, no pool2).</summary>
    private static bool Fine(GapArchitecture architecture) => architecture switch
    {
        GapArchitecture.SmallAlexNetGap => false,
        GapArchitecture.SmallAlexNetGap16 => true,
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Not a SmallAlexNet architecture."),
    };

    private static int Side(int input, bool fine)
    {
        int s = TfSamePadding.OutputSize(input, 5, 2, fine ? TfPadding.Same : TfPadding.Valid);
        s = TfSamePadding.OutputSize(s, 3, 2, TfPadding.Same);
        return fine ? s : TfSamePadding.OutputSize(s, 3, 2, TfPadding.Same);
    }

    private static Sequential BuildTrunk(GapNetworkOptions options, bool fine, out int featureChannels)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(); // before any layer is built from the widths
        int c1 = options.Channels(96), c2 = options.Channels(256), c3 = options.Channels(384),
            c4 = options.Channels(384), c5 = options.Channels(256), c6 = options.Channels(512);
        featureChannels = c6;
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("conv1", new ConvBlock(3, c1, 5, 2, fine ? TfPadding.Same : TfPadding.Valid, options)),
            ("pool1", new TfMaxPool2d(3, 2, TfPadding.Same)),
            ("conv2", new ConvBlock(c1, c2, 3, 1, TfPadding.Same, options)),
        };
        if (!fine)
            layers.Add(("pool2", new TfMaxPool2d(3, 2, TfPadding.Same)));
        layers.Add(("conv3", new ConvBlock(c2, c3, 3, 1, TfPadding.Same, options)));
        layers.Add(("conv4", new ConvBlock(c3, c4, 3, 1, TfPadding.Same, options)));
        layers.Add(("conv5", new ConvBlock(c4, c5, 3, 1, TfPadding.Same, options)));
        layers.Add(("conv6", new ConvBlock(c5, c6, 3, 1, TfPadding.Same, options)));
        return nn.Sequential(layers.ToArray());
    }
}
