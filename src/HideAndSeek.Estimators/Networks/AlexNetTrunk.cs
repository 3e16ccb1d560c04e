using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// The trunk AlexNetGap and SmallAlexNetGap share: conv1 -> pool1 -> conv2 -> [pool2] -> conv3, conv4, conv5, conv6
/// with 96, 256, 384, 384, 256 and 512 channels (times the width multiplier), every conv a <see cref="ConvBlock"/>
/// and every pool 3x3 stride 2. The families differ only in conv1, conv2's kernel, the pools' padding and whether
/// pool2 exists. State keys are "trunk.&lt;name&gt;".
/// </summary>
/// <param name="Conv1Kernel">conv1's kernel side.</param>
/// <param name="Conv1Stride">conv1's stride.</param>
/// <param name="Conv1Padding">conv1's padding.</param>
/// <param name="PoolPadding">The pools' padding.</param>
/// <param name="Conv2Kernel">conv2's kernel side (SAME padding).</param>
/// <param name="Pool2">Whether pool2 follows conv2.</param>
internal sealed record AlexNetTrunk(int Conv1Kernel, int Conv1Stride, TfPadding Conv1Padding, TfPadding PoolPadding, int Conv2Kernel, bool Pool2)
{
    /// <summary>The side of F for an input side (conv2 to conv6 keep the side).</summary>
    public int FeatureSide(int input)
    {
        int side = TfSamePadding.OutputSize(input, Conv1Kernel, Conv1Stride, Conv1Padding);
        side = TfSamePadding.OutputSize(side, 3, 2, PoolPadding);
        return Pool2 ? TfSamePadding.OutputSize(side, 3, 2, PoolPadding) : side;
    }

    public Sequential Build(GapNetworkOptions options, out int featureChannels)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(); // before any layer is built from the widths
        int c1 = options.Channels(96), c2 = options.Channels(256), c3 = options.Channels(384),
            c4 = options.Channels(384), c5 = options.Channels(256), c6 = options.Channels(512);
        featureChannels = c6;
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("conv1", new ConvBlock(3, c1, Conv1Kernel, Conv1Stride, Conv1Padding, options)),
            ("pool1", new TfMaxPool2d(3, 2, PoolPadding)),
            ("conv2", new ConvBlock(c1, c2, Conv2Kernel, 1, TfPadding.Same, options)),
        };
        if (Pool2)
            layers.Add(("pool2", new TfMaxPool2d(3, 2, PoolPadding)));
        layers.Add(("conv3", new ConvBlock(c2, c3, 3, 1, TfPadding.Same, options)));
        layers.Add(("conv4", new ConvBlock(c3, c4, 3, 1, TfPadding.Same, options)));
        layers.Add(("conv5", new ConvBlock(c4, c5, 3, 1, TfPadding.Same, options)));
        layers.Add(("conv6", new ConvBlock(c5, c6, 3, 1, TfPadding.Same, options)));
        return nn.Sequential(layers.ToArray());
    }
}
