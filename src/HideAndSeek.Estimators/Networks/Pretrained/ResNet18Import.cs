using static TorchSharp.torch;

namespace HideAndSeek.Networks.Pretrained;

/// <summary>
/// Fills a <see cref="ResNet18Gap"/> with the ImageNet weights of ML.NET's ResNet18 package: the mean image from
/// ResNetPreprocess.onnx and every convolution and BatchNorm from ResNet18.onnx, read from the graph by data flow
/// (<see cref="ResNetOnnxReader"/>) and matched to the module's layers in order, each checked by shape, stride and
/// pads. The classifier keeps its fresh initialisation.
/// </summary>
internal static class ResNet18Import
{
    /// <summary>Imports from the package's files in <paramref name="directory"/> (null: beside the application).</summary>
    /// <exception cref="FileNotFoundException">The package's files are not there.</exception>
    /// <exception cref="InvalidDataException">The graph is not the one the module models.</exception>
    public static void Apply(ResNet18Gap network, string? directory)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Options.WidthMultiplier != 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(network), network.Options.WidthMultiplier,
                "ResNet18's ImageNet weights exist at width multiplier 1 only.");
        }
        var (networkFile, preprocessFile) = DnnImageModels.LocateResNet18(directory);
        var (meanShape, mean) = ResNetPreprocessReader.ReadMeanImage(OnnxGraph.Load(preprocessFile));
        var graph = OnnxGraph.Load(networkFile);
        Apply(network, ResNetOnnxReader.Read(graph), graph, meanShape, mean);
    }

    private static void Apply(ResNet18Gap network, OnnxResNet onnx, OnnxGraph graph, long[] meanShape, float[] mean)
    {
        CheckLayout(network, onnx, graph);
        var layers = network.ConvolutionLayers;
        var sources = onnx.Layers().ToList();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (int i = 0; i < layers.Count; i++)
        {
            var (name, conv, bn) = layers[i];
            var source = sources[i];
            if (!conv.Weight.shape.SequenceEqual(source.WeightShape))
            {
                throw graph.Unexpected($"Conv '{source.ConvNode}' (layer {i + 1} in data-flow order) to match {name} " +
                    $"[{string.Join(", ", conv.Weight.shape)}], got [{string.Join(", ", source.WeightShape)}]");
            }
            bool modified = network.HighResolutionCam && name.StartsWith("layer4.0.", StringComparison.Ordinal) && name != "layer4.0.conv2";
            if (!modified && (conv.Stride != source.Stride || conv.Padding != source.Padding))
            {
                throw graph.Unexpected($"Conv '{source.ConvNode}' to have stride {conv.Stride} and pads {conv.Padding} like {name}, " +
                    $"got stride {source.Stride} and pads {source.Padding}");
            }
            if (Math.Abs(source.Epsilon - bn.Epsilon) > 1e-9)
                throw graph.Unexpected($"the BatchNorm after '{source.ConvNode}' to have epsilon {bn.Epsilon}, got {source.Epsilon}");
            Copy(conv.Weight, source.Weight, source.WeightShape);
            Copy(bn.Weight, source.Scale);
            Copy(bn.Bias, source.Bias);
            Copy(bn.RunningMean, source.Mean);
            Copy(bn.RunningVariance, source.Variance);
        }
        network.SetMeanImage(tensor(mean, meanShape));
    }

    private static void CheckLayout(ResNet18Gap network, OnnxResNet onnx, OnnxGraph graph)
    {
        int expectedBlocks = ResNet18Gap.StageBlocks.Sum();
        if (onnx.Blocks.Count != expectedBlocks || onnx.Layers().Count() != network.ConvolutionLayers.Count)
        {
            throw graph.Unexpected($"{expectedBlocks} basic blocks with {network.ConvolutionLayers.Count} convolutions in all, " +
                $"got {onnx.Blocks.Count} blocks with {onnx.Layers().Count()}");
        }
        var pool = network.StemPool;
        if (onnx.PoolKernel != pool.Kernel || onnx.PoolStride != pool.Stride || onnx.PoolPadding != pool.Padding)
        {
            throw graph.Unexpected($"a {pool.Kernel}x{pool.Kernel} stride-{pool.Stride} max pooling with pads {pool.Padding}, " +
                $"got {onnx.PoolKernel}x{onnx.PoolKernel} stride {onnx.PoolStride} pads {onnx.PoolPadding}");
        }
        // The graph's average pooling covers its whole last feature map at its own input size: a global average, as the
        // GAP head computes at any size.
        int side = ResNet18Gap.DefaultResizedSide;
        if (onnx.InputShape.Count != 4 || onnx.InputShape[2] != side || onnx.InputShape[3] != side)
            throw graph.Unexpected($"a {side}x{side} input, got [{string.Join(", ", onnx.InputShape)}]");
        int last = Output(side, onnx.Stem);
        last = ExplicitPadding.OutputSize(last, onnx.PoolKernel, onnx.PoolStride, onnx.PoolPadding.Top, onnx.PoolPadding.Bottom);
        foreach (var block in onnx.Blocks)
            last = Output(last, block.Conv1);
        if (onnx.AveragePoolKernel != last)
            throw graph.Unexpected($"a {last}x{last} average pooling over the last {last}x{last} feature map, got {onnx.AveragePoolKernel}x{onnx.AveragePoolKernel}");
    }

    private static int Output(int input, OnnxConvBatchNorm layer) =>
        ExplicitPadding.OutputSize(input, layer.Kernel, layer.Stride, layer.Padding.Top, layer.Padding.Bottom);

    private static void Copy(Tensor target, float[] values, long[]? shape = null)
    {
        using var source = tensor(values, shape ?? new long[] { values.Length });
        target.copy_(source);
    }
}
