using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// CustomnetGAP: a SqueezeNet (v1.0) trunk cut after fire7, for 64x64 input, with the seed's extra 3x3 (512)
/// convolution as the CAM layer. Every conv is a <see cref="ConvBlock"/> (conv -> ReLU -> BatchNorm), all padding
/// TF SAME. Trunk layers (state keys "trunk.&lt;name&gt;"), sides for a 64x64 input:
/// <list type="table">
/// <item><term>conv1</term><description>7x7 stride 2, 96: 64 -> 32</description></item>
/// <item><term>pool1</term><description>max 3x3 stride 2: 32 -> 16</description></item>
/// <item><term>fire2, fire3</term><description>squeeze 16, expand 64 + 64 (128 out): 16</description></item>
/// <item><term>fire4</term><description>squeeze 32, expand 128 + 128 (256 out): 16</description></item>
/// <item><term>pool4</term><description>max 3x3 stride 2: 16 -> 8</description></item>
/// <item><term>fire5</term><description>squeeze 32, expand 128 + 128 (256 out): 8</description></item>
/// <item><term>fire6, fire7</term><description>squeeze 48, expand 192 + 192 (384 out): 8</description></item>
/// <item><term>conv8</term><description>3x3, 512: 8 (F = 8x8x512)</description></item>
/// </list>
/// The stem and pool positions are SqueezeNet's (conv1 7x7/2 96, pools after conv1 and fire4), which gives the
/// 8x8 feature map. The fire modules are wired correctly (expand on the squeeze output, see <see cref="FireModule"/>).
/// </summary>
internal sealed class CustomNetGap : GapNetwork
{
    public CustomNetGap(GapNetworkOptions options)
        : base(nameof(CustomNetGap), GapArchitecture.CustomNetGap, options, BuildTrunk(options, out int channels),
            channels, GlobalPooling.Average)
    {
    }

    public override (int H, int W) FeatureMapSize(int inputH, int inputW) => (Side(inputH), Side(inputW));

    private static int Side(int input)
    {
        int s = TfSamePadding.OutputSize(input, 7, 2, TfPadding.Same);
        s = TfSamePadding.OutputSize(s, 3, 2, TfPadding.Same);
        return TfSamePadding.OutputSize(s, 3, 2, TfPadding.Same);
    }

    private static Sequential BuildTrunk(GapNetworkOptions options, out int featureChannels)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(); // before any layer is built from the widths
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int channels = options.Channels(96);
        layers.Add(("conv1", new ConvBlock(3, channels, 7, 2, TfPadding.Same, options)));
        layers.Add(("pool1", new TfMaxPool2d(3, 2, TfPadding.Same)));

        void Fire(string name, int squeeze, int expand)
        {
            var module = new FireModule(channels, options.Channels(squeeze), options.Channels(expand),
                options.Channels(expand), options);
            channels = module.OutChannels;
            layers.Add((name, module));
        }

        Fire("fire2", 16, 64);
        Fire("fire3", 16, 64);
        Fire("fire4", 32, 128);
        layers.Add(("pool4", new TfMaxPool2d(3, 2, TfPadding.Same)));
        Fire("fire5", 32, 128);
        Fire("fire6", 48, 192);
        Fire("fire7", 48, 192);

        featureChannels = options.Channels(512);
        layers.Add(("conv8", new ConvBlock(channels, featureChannels, 3, 1, TfPadding.Same, options)));
        return nn.Sequential(layers.ToArray());
    }
}
