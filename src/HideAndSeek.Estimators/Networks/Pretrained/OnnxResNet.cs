namespace HideAndSeek.Networks.Pretrained;

/// <summary>
/// A residual network as read from an ONNX graph by <see cref="ResNetOnnxReader"/>: stem (conv, BatchNorm, ReLU,
/// max pooling), basic blocks in data-flow order, and the final average pooling.
/// </summary>
internal sealed record OnnxResNet(
    IReadOnlyList<long> InputShape,
    OnnxConvBatchNorm Stem,
    int PoolKernel,
    int PoolStride,
    ExplicitPadding PoolPadding,
    IReadOnlyList<OnnxResidualBlock> Blocks,
    int AveragePoolKernel)
{
    /// <summary>Every convolution in the order the network module lists them: the stem, then per block conv1, conv2, projection.</summary>
    public IEnumerable<OnnxConvBatchNorm> Layers() => Blocks.SelectMany(b => b.Layers()).Prepend(Stem);
}
