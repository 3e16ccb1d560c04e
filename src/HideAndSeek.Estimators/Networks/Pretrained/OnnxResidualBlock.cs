namespace HideAndSeek.Networks.Pretrained;

/// <summary>A basic block read from the graph: two 3x3 convolutions and, when it has one, the 1x1 projection shortcut.</summary>
internal sealed record OnnxResidualBlock(OnnxConvBatchNorm Conv1, OnnxConvBatchNorm Conv2, OnnxConvBatchNorm? Projection)
{
    /// <summary>The layers in the order the network module lists them: conv1, conv2, projection.</summary>
    public IEnumerable<OnnxConvBatchNorm> Layers()
    {
        yield return Conv1;
        yield return Conv2;
        if (Projection is not null)
            yield return Projection;
    }
}
