using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// ResNet's basic block: relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)), where conv1 is 3x3 with the block's
/// stride and conv2 3x3 stride 1; the shortcut is x itself, or a 1x1 projection with the block's stride and a
/// BatchNorm when the block changes the width or the resolution.
/// State keys: conv1.conv.weight, bn1.*, conv2.conv.weight, bn2.*, and shortcut_conv.conv.weight, shortcut_bn.* for
/// projection blocks.
/// </summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly PaddedConv2d conv1;
    private readonly BatchNorm2dLayer bn1;
    private readonly PaddedConv2d conv2;
    private readonly BatchNorm2dLayer bn2;
    private readonly PaddedConv2d? shortcutConv;
    private readonly BatchNorm2dLayer? shortcutBn;

    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="stride">Stride of conv1 and the projection.</param>
    /// <param name="conv1Padding">Padding of conv1 (the imported network pads its strided conv1 [1, 1, 0, 0]).</param>
    /// <param name="projection">Use a 1x1 projection shortcut (required when the width or the resolution changes).</param>
    /// <param name="batchNormEpsilon">BatchNorm epsilon.</param>
    /// <param name="batchNormMomentum">BatchNorm running-statistics momentum (PyTorch's convention).</param>
    public ResidualBlock(int inChannels, int outChannels, int stride, ExplicitPadding conv1Padding, bool projection,
        double batchNormEpsilon, double batchNormMomentum) : base(nameof(ResidualBlock))
    {
        if (!projection && (inChannels != outChannels || stride != 1))
            throw new ArgumentException("An identity shortcut needs the same width and stride 1.", nameof(projection));
        conv1 = new PaddedConv2d(inChannels, outChannels, 3, stride, conv1Padding);
        bn1 = new BatchNorm2dLayer(outChannels, batchNormEpsilon, batchNormMomentum);
        conv2 = new PaddedConv2d(outChannels, outChannels, 3, 1, ExplicitPadding.Uniform(1));
        bn2 = new BatchNorm2dLayer(outChannels, batchNormEpsilon, batchNormMomentum);
        register_module("conv1", conv1);
        register_module("bn1", bn1);
        register_module("conv2", conv2);
        register_module("bn2", bn2);
        if (projection)
        {
            shortcutConv = new PaddedConv2d(inChannels, outChannels, 1, stride, default);
            shortcutBn = new BatchNorm2dLayer(outChannels, batchNormEpsilon, batchNormMomentum);
            register_module("shortcut_conv", shortcutConv);
            register_module("shortcut_bn", shortcutBn);
        }
    }

    /// <summary>The convolutions with their BatchNorms in the order the ONNX graph is read: conv1, conv2, projection.</summary>
    public IEnumerable<(string Name, PaddedConv2d Conv, BatchNorm2dLayer Bn)> Layers()
    {
        yield return ("conv1", conv1, bn1);
        yield return ("conv2", conv2, bn2);
        if (shortcutConv is not null)
            yield return ("shortcut_conv", shortcutConv, shortcutBn!);
    }

    /// <summary>The output side for an input side (conv1 and the projection must agree).</summary>
    public int OutputSize(int input)
    {
        int side = conv1.OutputSize(input);
        if (shortcutConv is not null && shortcutConv.OutputSize(input) != side)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input,
                $"A {input}-pixel input gives {side} pixels on the main path and {shortcutConv.OutputSize(input)} on the shortcut.");
        }
        return side;
    }

    public override Tensor forward(Tensor x)
    {
        using var a = conv1.forward(x);
        using var b = bn1.forward(a);
        using var c = nn.functional.relu(b);
        using var d = conv2.forward(c);
        using var main = bn2.forward(d);
        if (shortcutConv is null)
        {
            using var sum = main.add(x, ConstantScalars.One);
            return nn.functional.relu(sum);
        }
        using var projected = shortcutConv.forward(x);
        using var shortcut = shortcutBn!.forward(projected);
        using var total = main.add(shortcut, ConstantScalars.One);
        return nn.functional.relu(total);
    }
}
