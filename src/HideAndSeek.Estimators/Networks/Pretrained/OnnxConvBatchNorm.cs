namespace HideAndSeek.Networks.Pretrained;

/// <summary>A bias-free ONNX Conv and the BatchNormalization that reads its output, with their values.</summary>
/// <param name="ConvNode">The Conv node's name (for messages).</param>
/// <param name="Stride">Its stride (square).</param>
/// <param name="Padding">Its pads.</param>
/// <param name="WeightShape">[out, in, k, k].</param>
/// <param name="Weight">The weight values, row-major.</param>
/// <param name="Scale">BatchNorm scale (gamma).</param>
/// <param name="Bias">BatchNorm bias (beta).</param>
/// <param name="Mean">BatchNorm running mean.</param>
/// <param name="Variance">BatchNorm running variance.</param>
/// <param name="Epsilon">BatchNorm epsilon.</param>
internal sealed record OnnxConvBatchNorm(
    string ConvNode,
    int Stride,
    ExplicitPadding Padding,
    long[] WeightShape,
    float[] Weight,
    float[] Scale,
    float[] Bias,
    float[] Mean,
    float[] Variance,
    double Epsilon)
{
    /// <summary>The kernel side.</summary>
    public int Kernel => (int)WeightShape[2];
}
