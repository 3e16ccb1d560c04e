namespace HideAndSeek.Networks.Pretrained;

/// <summary>
/// Reads ML.NET's ResNetPreprocess.onnx: Split the RGB input into three planes, Concat them as B, G, R, Sub a mean
/// image initializer. Returns that mean image (BGR); the reading checks the graph is exactly this.
/// </summary>
internal static class ResNetPreprocessReader
{
    public static (long[] Shape, float[] Values) ReadMeanImage(OnnxGraph g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var split = g.OnlyConsumer(g.Input, "Split");
        if (OnnxGraph.Int(split, "axis", 0) != 1 || split.Output.Count != 3)
            throw g.Unexpected($"{OnnxGraph.Describe(split)} to split the channel axis into three planes");
        var concat = g.OnlyConsumer(split.Output[0], "Concat");
        var bgr = new[] { split.Output[2], split.Output[1], split.Output[0] };
        if (OnnxGraph.Int(concat, "axis", 0) != 1 || !concat.Input.SequenceEqual(bgr))
            throw g.Unexpected($"{OnnxGraph.Describe(concat)} to concatenate the planes as B, G, R on the channel axis");
        var sub = g.OnlyConsumer(concat.Output[0], "Sub");
        if (sub.Input.Count != 2 || sub.Input[0] != concat.Output[0] || !g.IsInitializer(sub.Input[1]) || sub.Output[0] != g.Output)
            throw g.Unexpected($"{OnnxGraph.Describe(sub)} to subtract an initializer from the BGR image and give the output");
        var (shape, values) = g.Floats(sub.Input[1]);
        if (shape.Length != 4 || shape[0] != 1 || shape[1] != 3)
            throw g.Unexpected($"the mean image to be [1, 3, h, w], got [{string.Join(", ", shape)}]");
        return (shape, values);
    }
}
