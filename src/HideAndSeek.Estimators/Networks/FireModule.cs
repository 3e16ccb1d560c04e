using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// SqueezeNet's fire module: a 1x1 squeeze block, then a 1x1 and a 3x3 (SAME) expand block, both fed by the squeeze
/// output, concatenated along channels. (The seed fed both expand blocks the module input, which left the squeeze
/// block unused and the module as wide as its input; this is the module as SqueezeNet defines it.)
/// </summary>
internal sealed class FireModule : nn.Module<Tensor, Tensor>
{
    private readonly ConvBlock squeeze;
    private readonly ConvBlock expand1x1;
    private readonly ConvBlock expand3x3;

    public FireModule(int inChannels, int squeezeChannels, int expand1x1Channels, int expand3x3Channels,
        GapNetworkOptions options) : base(nameof(FireModule))
    {
        squeeze = new ConvBlock(inChannels, squeezeChannels, 1, 1, TfPadding.Same, options);
        expand1x1 = new ConvBlock(squeezeChannels, expand1x1Channels, 1, 1, TfPadding.Same, options);
        expand3x3 = new ConvBlock(squeezeChannels, expand3x3Channels, 3, 1, TfPadding.Same, options);
        OutChannels = expand1x1Channels + expand3x3Channels;
        RegisterComponents();
    }

    /// <summary>Output channels: the two expand widths together.</summary>
    public int OutChannels { get; }

    public override Tensor forward(Tensor x)
    {
        using var squeezed = squeeze.forward(x);
        using var a = expand1x1.forward(squeezed);
        using var b = expand3x3.forward(squeezed);
        return cat(new[] { a, b }, 1);
    }
}
