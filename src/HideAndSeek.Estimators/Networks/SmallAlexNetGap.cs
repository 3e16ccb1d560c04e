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
        : base(architecture.ToString(), architecture, options, TrunkOf(architecture).Build(options, out int channels),
            channels, GlobalPooling.Average)
    {
    }

    public override (int H, int W) FeatureMapSize(int inputH, int inputW) =>
        (TrunkOf(Architecture).FeatureSide(inputH), TrunkOf(Architecture).FeatureSide(inputW));

    /// <summary>The trunk; the 16x16-CAM variant has a SAME conv1 and no pool2.</summary>
    private static AlexNetTrunk TrunkOf(GapArchitecture architecture) => architecture switch
    {
        GapArchitecture.SmallAlexNetGap => new(5, 2, TfPadding.Valid, TfPadding.Same, Conv2Kernel: 3, Pool2: true),
        GapArchitecture.SmallAlexNetGap16 => new(5, 2, TfPadding.Same, TfPadding.Same, Conv2Kernel: 3, Pool2: false),
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Not a SmallAlexNet architecture."),
    };
}
