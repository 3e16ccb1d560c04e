using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// The residual network of ML.NET's <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package (an ImageNet-trained
/// CNTK model exported to ONNX) with a GAP head: its last stage's output is F, and a new bias-free classifier maps the
/// pooled F to the user's classes. The layout is the ONNX graph's, which is not torchvision's resnet18 (see the table);
/// <c>Pretrained/ResNet18Import</c> checks the graph against it and copies the weights.
/// <para>Preprocessing (as the package's ResNetPreprocess.onnx after a resize): the 0..255 RGB input is resized
/// bilinearly to <see cref="ResizedSide"/> (224 by default), turned into BGR and the ImageNet mean image (buffer
/// "mean_image", [1, 3, side, side], BGR) subtracted; no scaling. The base class's mean pixel is not used.</para>
/// Trunk layers (state keys "trunk.&lt;name&gt;"), sides for a 224x224 resized input; pads are [top, left, bottom,
/// right] as in the ONNX graph, every BatchNorm has epsilon 1e-5, no convolution has a bias:
/// <list type="table">
/// <item><term>conv1, bn1, relu</term><description>7x7 stride 2, pads [3, 3, 2, 2], 64: 224 -> 112</description></item>
/// <item><term>maxpool</term><description>3x3 stride 2, pads [1, 1, 0, 0]: 112 -> 56</description></item>
/// <item><term>layer1.0, layer1.1</term><description>basic blocks, 64: 56</description></item>
/// <item><term>layer2.0, layer2.1</term><description>128; layer2.0 has conv1 3x3 stride 2 pads [1, 1, 0, 0] and a 1x1 stride-2 projection: 28</description></item>
/// <item><term>layer3.0, layer3.1</term><description>256, the same way: 14</description></item>
/// <item><term>layer4.0 .. layer4.2</term><description>512 (three blocks), the same way: 7 (F = 7x7x512); with
/// <see cref="GapNetworkOptions.HighResolutionCam"/> layer4.0 has stride 1 (conv1 pads [1, 1, 1, 1], a 1x1 stride-1
/// projection): 14 (F = 14x14x512), as wsolevaluation does for its ResNet CAMs</description></item>
/// </list>
/// The resized side must be a multiple of 32 (16 with the high-resolution CAM) so that every strided block sees an even
/// side: with the graph's begin-heavy pads an odd side gives the main path and the projection different sizes.
/// </summary>
internal sealed class ResNet18Gap : GapNetwork
{
    /// <summary>The side the ImageNet weights were trained at (the ONNX graph's input).</summary>
    public const int DefaultResizedSide = 224;

    /// <summary>Epsilon of every BatchNorm in the imported graph.</summary>
    public const double BatchNormEpsilon = 1e-5;

    /// <summary>Channels of the four stages.</summary>
    public static IReadOnlyList<int> StageWidths { get; } = Array.AsReadOnly(new[] { 64, 128, 256, 512 });

    /// <summary>Basic blocks per stage (the graph has three in the last stage, torchvision's resnet18 two).</summary>
    public static IReadOnlyList<int> StageBlocks { get; } = Array.AsReadOnly(new[] { 2, 2, 2, 3 });

    /// <summary>Pads of the 7x7 stride-2 stem convolution.</summary>
    public static ExplicitPadding StemPadding { get; } = new(3, 3, 2, 2);

    /// <summary>Pads of the stem's 3x3 stride-2 max pooling and of the strided 3x3 convolutions.</summary>
    public static ExplicitPadding StridedPadding { get; } = new(1, 1, 0, 0);

    private readonly Parts parts;
    private readonly Tensor meanImage;

    public ResNet18Gap(GapNetworkOptions options) : this(options, Build(options))
    {
    }

    private ResNet18Gap(GapNetworkOptions options, Parts parts)
        : base(nameof(ResNet18Gap), GapArchitecture.ResNet18, options, parts.Trunk, parts.FeatureChannels, GlobalPooling.Average)
    {
        this.parts = parts;
        ResizedSide = parts.Side;
        HighResolutionCam = options.HighResolutionCam;
        // Filled by the ImageNet import (or a saved state); detached like the base class's mean pixel.
        meanImage = zeros(1, 3, ResizedSide, ResizedSide).DetachFromDisposeScope();
        register_buffer("mean_image", meanImage);
    }

    /// <summary>The side images are resized to before the first layer.</summary>
    public int ResizedSide { get; }

    /// <summary>Layer 4 has stride 1: F is twice as fine (14x14 at 224).</summary>
    public bool HighResolutionCam { get; }

    /// <summary>
    /// Every convolution with the BatchNorm after it, in the order the ONNX graph is read: the stem, then per block
    /// conv1, conv2 and the projection. Names are the trunk's state keys without ".conv.weight".
    /// </summary>
    internal IReadOnlyList<(string Name, PaddedConv2d Conv, BatchNorm2dLayer Bn)> ConvolutionLayers => parts.Layers;

    /// <summary>The stem's max pooling.</summary>
    internal PaddedMaxPool2d StemPool => parts.Pool;

    public override (int H, int W) FeatureMapSize(int inputH, int inputW)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputH);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputW);
        int side = Side(parts, ResizedSide);
        return (side, side);
    }

    internal override Tensor Preprocess(Tensor x)
    {
        bool resize = x.shape[2] != ResizedSide || x.shape[3] != ResizedSide;
        var resized = resize ? Resize.Bilinear(x, ResizedSide) : x;
        try
        {
            using var bgr = resized.flip(1);
            return bgr.sub(meanImage);
        }
        finally
        {
            if (resize)
                resized.Dispose();
        }
    }

    /// <summary>Replaces the mean image by <paramref name="bgrMean"/> [1, 3, h, w], resized bilinearly to the resized side.</summary>
    internal void SetMeanImage(Tensor bgrMean)
    {
        ArgumentNullException.ThrowIfNull(bgrMean);
        if (bgrMean.dim() != 4 || bgrMean.shape[0] != 1 || bgrMean.shape[1] != 3)
            throw new ArgumentException($"Expected a mean image [1, 3, h, w], got [{string.Join(", ", bgrMean.shape)}].", nameof(bgrMean));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var source = bgrMean.to(ScalarType.Float32, CPU);
        var sized = source.shape[2] == ResizedSide && source.shape[3] == ResizedSide ? source : Resize.Bilinear(source, ResizedSide);
        meanImage.copy_(sized);
    }

    private static int Side(Parts parts, int resizedSide)
    {
        int side = parts.StemConv.OutputSize(resizedSide);
        side = parts.Pool.OutputSize(side);
        foreach (var block in parts.Blocks)
            side = block.OutputSize(side);
        return side;
    }

    private static Parts Build(GapNetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(); // before any layer is built from the widths
        int side = options.ResizedSide ?? DefaultResizedSide;
        int multiple = options.HighResolutionCam ? 16 : 32;
        if (side < 32 || side % multiple != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), side,
                $"ResNet18 resizes images to a side that is a multiple of {multiple} and at least 32 (224 by default); got {side}. " +
                "Its strided layers pad one pixel before and none after, which only lines up on even sides.");
        }

        double momentum = options.BatchNormMomentum;
        var layers = new List<(string, PaddedConv2d, BatchNorm2dLayer)>();
        var blocks = new List<ResidualBlock>();
        int stem = options.Channels(StageWidths[0]);
        var stemConv = new PaddedConv2d(3, stem, 7, 2, StemPadding);
        var stemBn = new BatchNorm2dLayer(stem, BatchNormEpsilon, momentum);
        var pool = new PaddedMaxPool2d(3, 2, StridedPadding);
        layers.Add(("conv1", stemConv, stemBn));
        var trunk = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("conv1", stemConv), ("bn1", stemBn), ("relu", nn.ReLU()), ("maxpool", pool),
        };

        int channels = stem;
        for (int stage = 0; stage < StageWidths.Count; stage++)
        {
            int width = options.Channels(StageWidths[stage]);
            var stageBlocks = new List<(string, nn.Module<Tensor, Tensor>)>();
            for (int b = 0; b < StageBlocks[stage]; b++)
            {
                bool first = b == 0 && stage > 0;
                bool strided = first && !(options.HighResolutionCam && stage == StageWidths.Count - 1);
                var block = new ResidualBlock(channels, width, strided ? 2 : 1,
                    strided ? StridedPadding : ExplicitPadding.Uniform(1), projection: channels != width || strided,
                    BatchNormEpsilon, momentum);
                string name = $"layer{stage + 1}.{b}";
                foreach (var (layer, conv, bn) in block.Layers())
                    layers.Add(($"{name}.{layer}", conv, bn));
                stageBlocks.Add((b.ToString(System.Globalization.CultureInfo.InvariantCulture), block));
                blocks.Add(block);
                channels = width;
            }
            trunk.Add(($"layer{stage + 1}", nn.Sequential(stageBlocks.ToArray())));
        }
        var parts = new Parts(nn.Sequential(trunk.ToArray()), channels, side, stemConv, pool, blocks, layers);
        Side(parts, side); // throws if a block's paths disagree
        return parts;
    }

    private sealed record Parts(Sequential Trunk, int FeatureChannels, int Side, PaddedConv2d StemConv, PaddedMaxPool2d Pool,
        IReadOnlyList<ResidualBlock> Blocks, IReadOnlyList<(string Name, PaddedConv2d Conv, BatchNorm2dLayer Bn)> Layers);
}
