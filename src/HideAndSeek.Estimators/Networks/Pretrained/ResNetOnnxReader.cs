using Onnx;

namespace HideAndSeek.Networks.Pretrained;

/// <summary>
/// Reads a ResNet with basic blocks from an ONNX graph by following the data from the input: Conv, BatchNormalization,
/// Relu, MaxPool; then blocks until an AveragePool produces the output. A block starts at the tensor its Add's other
/// input comes from: the consumers of that tensor are the main path's 3x3 Conv and either the Add itself (identity
/// shortcut) or a 1x1 Conv (projection) — kernel shapes, not node names or order, tell which is which. Anything else
/// is rejected with the node that did not fit.
/// </summary>
internal static class ResNetOnnxReader
{
    public static OnnxResNet Read(OnnxGraph g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var stem = ReadConvBatchNorm(g, g.OnlyConsumer(g.Input, "Conv"), out string stemOut);
        var stemRelu = g.OnlyConsumer(stemOut, "Relu");
        var pool = g.OnlyConsumer(stemRelu.Output[0], "MaxPool");
        var (poolKernel, poolStride, poolPadding) = Window(g, pool);

        string x = pool.Output[0];
        var blocks = new List<OnnxResidualBlock>();
        while (true)
        {
            var readers = g.Consumers(x);
            if (readers.Count == 1 && readers[0].OpType == "AveragePool")
            {
                var average = readers[0];
                var (kernel, _, padding) = Window(g, average);
                if (padding != default)
                    throw g.Unexpected($"{OnnxGraph.Describe(average)} without padding, got pads {padding}");
                if (average.Output[0] != g.Output)
                    throw g.Unexpected($"{OnnxGraph.Describe(average)} to produce the graph output '{g.Output}'");
                return new OnnxResNet(g.InputShape, stem, poolKernel, poolStride, poolPadding, blocks, kernel);
            }
            blocks.Add(ReadBlock(g, x, readers, out x));
        }
    }

    private static OnnxResidualBlock ReadBlock(OnnxGraph g, string x, IReadOnlyList<NodeProto> readers, out string output)
    {
        var convs = readers.Where(n => n.OpType == "Conv").ToList();
        var main = convs.Where(n => KernelSide(g, n) == 3).ToList();
        var projections = convs.Where(n => KernelSide(g, n) == 1).ToList();
        int adds = readers.Count(n => n.OpType == "Add");
        bool identity = main.Count == 1 && projections.Count == 0 && adds == 1 && readers.Count == 2;
        bool projected = main.Count == 1 && projections.Count == 1 && readers.Count == 2;
        if (!identity && !projected)
        {
            throw g.Unexpected($"'{x}' to start a basic block (read by a 3x3 Conv and an Add, or by a 3x3 and a 1x1 Conv), " +
                $"but it is read by {string.Join(", ", readers.Select(OnnxGraph.Describe))}");
        }

        var conv1 = ReadConvBatchNorm(g, main[0], out string y1);
        var relu = g.OnlyConsumer(y1, "Relu");
        var conv2 = ReadConvBatchNorm(g, g.OnlyConsumer(relu.Output[0], "Conv"), out string y2);
        var add = g.OnlyConsumer(y2, "Add");
        if (add.Input.Count != 2)
            throw g.Unexpected($"{OnnxGraph.Describe(add)} to have two inputs");
        string other = add.Input[0] == y2 ? add.Input[1] : add.Input[0];

        OnnxConvBatchNorm? projection = null;
        string shortcut = x;
        if (projected)
            projection = ReadConvBatchNorm(g, projections[0], out shortcut);
        if (other != shortcut)
            throw g.Unexpected($"{OnnxGraph.Describe(add)} to add '{shortcut}' (the shortcut), not '{other}'");
        output = g.OnlyConsumer(add.Output[0], "Relu").Output[0];
        return new OnnxResidualBlock(conv1, conv2, projection);
    }

    /// <summary>A bias-free, ungrouped, undilated square Conv followed by the BatchNormalization that alone reads it.</summary>
    private static OnnxConvBatchNorm ReadConvBatchNorm(OnnxGraph g, NodeProto conv, out string output)
    {
        string name = OnnxGraph.Describe(conv);
        if (conv.Input.Count != 2)
            throw g.Unexpected($"{name} without a bias (two inputs), got {conv.Input.Count}");
        if (OnnxGraph.Int(conv, "group", 1) != 1 || OnnxGraph.Ints(conv, "dilations", new long[] { 1, 1 }).Any(d => d != 1))
            throw g.Unexpected($"{name} to be an ungrouped, undilated convolution");
        var (weightShape, weight) = g.Floats(conv.Input[1]);
        if (weightShape.Length != 4 || weightShape[2] != weightShape[3])
            throw g.Unexpected($"{name} to have a square 2-D kernel, got weight [{string.Join(", ", weightShape)}]");
        var (_, stride, padding) = Window(g, conv);

        var bn = g.OnlyConsumer(conv.Output[0], "BatchNormalization");
        if (bn.Input.Count != 5 || OnnxGraph.Int(bn, "spatial", 1) != 1)
            throw g.Unexpected($"{OnnxGraph.Describe(bn)} to be a spatial BatchNormalization with scale, bias, mean and variance");
        var channels = weightShape[0];
        float[] Vector(int input)
        {
            var (dims, values) = g.Floats(bn.Input[input]);
            if (dims.Length != 1 || dims[0] != channels)
                throw g.Unexpected($"{OnnxGraph.Describe(bn)} input '{bn.Input[input]}' to have {channels} values, got [{string.Join(", ", dims)}]");
            return values;
        }
        output = bn.Output[0];
        return new OnnxConvBatchNorm(conv.Name, stride, padding, weightShape, weight,
            Vector(1), Vector(2), Vector(3), Vector(4), OnnxGraph.Float(bn, "epsilon", 1e-5f));
    }

    /// <summary>Kernel, stride and pads of a square 2-D window (Conv, MaxPool, AveragePool) with explicit padding.</summary>
    private static (int Kernel, int Stride, ExplicitPadding Padding) Window(OnnxGraph g, NodeProto node)
    {
        string name = OnnxGraph.Describe(node);
        if (OnnxGraph.Text(node, "auto_pad", "NOTSET") != "NOTSET")
            throw g.Unexpected($"{name} with explicit pads (auto_pad NOTSET)");
        long[] kernel = node.OpType == "Conv" && OnnxGraph.Ints(node, "kernel_shape", Array.Empty<long>()).Length == 0
            ? new[] { (long)KernelSide(g, node), KernelSide(g, node) }
            : OnnxGraph.Ints(node, "kernel_shape", Array.Empty<long>());
        long[] strides = OnnxGraph.Ints(node, "strides", new long[] { 1, 1 });
        long[] pads = OnnxGraph.Ints(node, "pads", new long[] { 0, 0, 0, 0 });
        if (kernel.Length != 2 || kernel[0] != kernel[1] || strides.Length != 2 || strides[0] != strides[1] || pads.Length != 4)
        {
            throw g.Unexpected($"{name} to have a square 2-D window, got kernel [{string.Join(", ", kernel)}], " +
                $"strides [{string.Join(", ", strides)}], pads [{string.Join(", ", pads)}]");
        }
        return ((int)kernel[0], (int)strides[0], ExplicitPadding.FromOnnx(pads));
    }

    private static int KernelSide(OnnxGraph g, NodeProto conv)
    {
        if (conv.Input.Count < 2 || !g.IsInitializer(conv.Input[1]))
            throw g.Unexpected($"{OnnxGraph.Describe(conv)} to have its weight as an initializer");
        long[] shape = g.InitializerShape(conv.Input[1]);
        return shape.Length == 4 ? (int)shape[3] : throw g.Unexpected($"{OnnxGraph.Describe(conv)} to have a 2-D kernel");
    }
}
