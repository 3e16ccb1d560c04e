using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// The seed's AlexnetGAP and its variants AlexnetGMP (global max pooling), DropAlexnetGAP (pixel dropout after the
/// mean subtraction) and Drop2AlexnetGAP (pixel dropout before it). Dropout is active in training mode only.
/// <para>Preprocessing: [Drop2: dropout] -> subtract mean -> [Drop: dropout] -> bilinear resize to 227x227 (skipped
/// with <see cref="GapNetworkOptions.WithoutResize"/>; dropout acts on the 64x64 pixels either way, as in the seed).</para>
/// Trunk layers (state keys "trunk.&lt;name&gt;"), sides for a 227x227 (and, without resize, 64x64) input:
/// <list type="table">
/// <item><term>conv1</term><description>11x11 stride 4 VALID, 96: 227 -> 55 (64 -> 14)</description></item>
/// <item><term>pool1</term><description>max 3x3 stride 2 VALID: 55 -> 27 (14 -> 6)</description></item>
/// <item><term>conv2</term><description>5x5 SAME, 256: 27 (6)</description></item>
/// <item><term>pool2</term><description>max 3x3 stride 2 VALID: 27 -> 13 (6 -> 2)</description></item>
/// <item><term>conv3, conv4, conv5</term><description>3x3 SAME, 384, 384, 256: 13 (2)</description></item>
/// <item><term>conv6</term><description>3x3 SAME, 512: 13 (2); F = 13x13x512 (2x2x512 without resize)</description></item>
/// </list>
/// </summary>
internal sealed class AlexNetGap : GapNetwork
{
    /// <summary>The side the seed resizes the input to.</summary>
    public const int ResizedSide = 227;

    private static readonly AlexNetTrunk Layout = new(11, 4, TfPadding.Valid, TfPadding.Valid, Conv2Kernel: 5, Pool2: true);

    public AlexNetGap(GapArchitecture architecture, GapNetworkOptions options)
        : base(architecture.ToString(), CheckFamily(architecture), options, Layout.Build(options, out int channels),
            channels, architecture == GapArchitecture.AlexNetGmp ? GlobalPooling.Max : GlobalPooling.Average)
    {
    }

    public override (int H, int W) FeatureMapSize(int inputH, int inputW)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputH);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputW);
        return Options.WithoutResize
            ? (Layout.FeatureSide(inputH), Layout.FeatureSide(inputW))
            : (Layout.FeatureSide(ResizedSide), Layout.FeatureSide(ResizedSide));
    }

    internal override Tensor Preprocess(Tensor x)
    {
        bool dropBefore = training && Architecture == GapArchitecture.Drop2AlexNetGap;
        bool dropAfter = training && Architecture == GapArchitecture.DropAlexNetGap;
        double keep = Options.DropoutKeepProbability;

        Tensor centred;
        if (dropBefore)
        {
            using var dropped = PixelDropout.Apply(x, keep, DropoutGenerator);
            centred = base.Preprocess(dropped);
        }
        else
        {
            centred = base.Preprocess(x);
        }
        if (dropAfter)
        {
            using var undropped = centred;
            centred = PixelDropout.Apply(undropped, keep, DropoutGenerator);
        }
        if (Options.WithoutResize)
            return centred;
        using (centred)
            return Resize.Bilinear(centred, ResizedSide);
    }

    private static GapArchitecture CheckFamily(GapArchitecture architecture) => architecture switch
    {
        GapArchitecture.AlexNetGap or GapArchitecture.AlexNetGmp or GapArchitecture.DropAlexNetGap
            or GapArchitecture.Drop2AlexNetGap => architecture,
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Not an AlexNet variant."),
    };
}
