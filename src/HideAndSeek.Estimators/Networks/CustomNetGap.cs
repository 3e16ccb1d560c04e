using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// The seed's CustomnetGAP (<c>customnet_gap.py</c>) for 64x64 input: a small conv stem, fire modules 2 to 7 with
/// three 2x2 max-pools, and a 3x3 (512) convolution as the CAM layer. Every conv is a <see cref="ConvBlock"/>
/// (conv -> ReLU -> BatchNorm), all padding TF SAME. Trunk layers (state keys "trunk.&lt;name&gt;"), sides for a
/// 64x64 input:
/// <list type="table">
/// <item><term>conv1</term><description>3x3 stride 1, 96: 64</description></item>
/// <item><term>pool1</term><description>max 2x2 stride 2: 64 -> 32</description></item>
/// <item><term>fire2</term><description>squeeze 16, expand 64 + 64 (128 out): 32</description></item>
/// <item><term>fire3</term><description>squeeze 32, expand 96 + 96 (192 out): 32</description></item>
/// <item><term>pool3</term><description>max 2x2 stride 2: 32 -> 16</description></item>
/// <item><term>fire4</term><description>squeeze 32, expand 128 + 128 (256 out): 16</description></item>
/// <item><term>fire5, fire6</term><description>squeeze 48, expand 160 + 160 (320 out): 16</description></item>
/// <item><term>pool6</term><description>max 2x2 stride 2: 16 -> 8</description></item>
/// <item><term>fire7</term><description>squeeze 64, expand 256 + 256 (512 out): 8</description></item>
/// <item><term>conv6</term><description>3x3, 512: 8 (F = 8x8x512)</description></item>
/// </list>
/// Only the classifier's weights get L2 (<see cref="WeightDecayParameters"/>), as in the seed, where no conv layer
/// of this network has a regulariser. The fire modules are wired as SqueezeNet defines them (expand on the squeeze
/// output), not as the seed did (expand on the module input), see <see cref="FireModule"/>.
/// </summary>
internal sealed class CustomNetGap : GapNetwork
{
    public CustomNetGap(GapNetworkOptions options)
        : base(nameof(CustomNetGap), GapArchitecture.CustomNetGap, options, BuildTrunk(options, out int channels),
            channels, GlobalPooling.Average)
    {
    }

    public override (int H, int W) FeatureMapSize(int inputH, int inputW) => (Side(inputH), Side(inputW));

    /// <summary>The classifier's weight only: the seed regularises nothing else in this network.</summary>
    internal override IEnumerable<Parameter> WeightDecayParameters() => new[] { Classifier.weight! };

    private static int Side(int input)
    {
        int s = input; // conv1 is 3x3 stride 1 SAME: same side
        for (int pool = 0; pool < 3; pool++)
            s = TfSamePadding.OutputSize(s, 2, 2, TfPadding.Same);
        return s;
    }

    private static Sequential BuildTrunk(GapNetworkOptions options, out int featureChannels)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(); // before any layer is built from the widths
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int channels = options.Channels(96);
        layers.Add(("conv1", new ConvBlock(3, channels, 3, 1, TfPadding.Same, options)));
        layers.Add(("pool1", new TfMaxPool2d(2, 2, TfPadding.Same)));

        void Fire(string name, int squeeze, int expand)
        {
            var module = new FireModule(channels, options.Channels(squeeze), options.Channels(expand),
                options.Channels(expand), options);
            channels = module.OutChannels;
            layers.Add((name, module));
        }

        Fire("fire2", 16, 64);
        Fire("fire3", 32, 96);
        layers.Add(("pool3", new TfMaxPool2d(2, 2, TfPadding.Same)));
        Fire("fire4", 32, 128);
        Fire("fire5", 48, 160);
        Fire("fire6", 48, 160);
        layers.Add(("pool6", new TfMaxPool2d(2, 2, TfPadding.Same)));
        Fire("fire7", 64, 256);

        featureChannels = options.Channels(512);
        layers.Add(("conv6", new ConvBlock(channels, featureChannels, 3, 1, TfPadding.Same, options)));
        return nn.Sequential(layers.ToArray());
    }
}
