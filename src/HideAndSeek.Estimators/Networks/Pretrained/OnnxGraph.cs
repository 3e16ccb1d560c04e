using Google.Protobuf;
using Onnx;

namespace HideAndSeek.Networks.Pretrained;

/// <summary>
/// A read-only view of an ONNX model's graph for walking it by data flow: nodes by the tensors they consume,
/// float initializers, attributes. Parsed with OnnxSharp's generated protobuf classes.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly GraphProto graph;
    private readonly Dictionary<string, TensorProto> initializers;
    private readonly Dictionary<string, List<NodeProto>> consumers = new();

    private OnnxGraph(string path, ModelProto model)
    {
        Path = path;
        graph = model.Graph ?? throw new InvalidDataException($"'{path}' holds no graph.");
        initializers = graph.Initializer.ToDictionary(t => t.Name);
        foreach (var node in graph.Node)
        {
            foreach (var input in node.Input.Distinct())
            {
                if (!consumers.TryGetValue(input, out var list))
                    consumers[input] = list = new List<NodeProto>();
                list.Add(node);
            }
        }
        var inputs = graph.Input.Where(i => !initializers.ContainsKey(i.Name)).ToList();
        if (inputs.Count != 1 || graph.Output.Count != 1)
            throw new InvalidDataException($"'{path}': expected one input and one output, got {inputs.Count} and {graph.Output.Count}.");
        Input = inputs[0].Name;
        InputShape = Dimensions(inputs[0]);
        Output = graph.Output[0].Name;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The graph's one input that is not an initializer.</summary>
    public string Input { get; }

    /// <summary>Its fixed dimensions (0 where symbolic).</summary>
    public IReadOnlyList<long> InputShape { get; }

    /// <summary>The graph's output.</summary>
    public string Output { get; }

    /// <summary>Parses <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not an ONNX model.</exception>
    public static OnnxGraph Load(string path)
    {
        try
        {
            // Read-only and shared: OnnxSharp's ParseFromFile opens the file for writing too, exclusively, which fails on
            // read-only files and while another reader has it open.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return new OnnxGraph(path, ModelProto.Parser.ParseFrom(stream));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{path}' is not a readable ONNX model: {e.Message}", e);
        }
    }

    /// <summary>The nodes that read <paramref name="tensor"/>, in graph order.</summary>
    public IReadOnlyList<NodeProto> Consumers(string tensor) =>
        consumers.TryGetValue(tensor, out var list) ? list : Array.Empty<NodeProto>();

    /// <summary>The one node that reads <paramref name="tensor"/>, which must be a <paramref name="opType"/>.</summary>
    public NodeProto OnlyConsumer(string tensor, string opType)
    {
        var list = Consumers(tensor);
        if (list.Count != 1 || list[0].OpType != opType)
        {
            throw Unexpected($"'{tensor}' to be read by one {opType} node, but it is read by " +
                (list.Count == 0 ? "none" : string.Join(", ", list.Select(Describe))));
        }
        return list[0];
    }

    /// <summary>Whether <paramref name="name"/> is an initializer.</summary>
    public bool IsInitializer(string name) => initializers.ContainsKey(name);

    /// <summary>An initializer's dimensions, without reading its values.</summary>
    public long[] InitializerShape(string name) =>
        initializers.TryGetValue(name, out var t) ? t.Dims.ToArray() : throw Unexpected($"'{name}' to be an initializer");

    /// <summary>A float initializer's dimensions and values.</summary>
    public (long[] Dims, float[] Values) Floats(string name)
    {
        if (!initializers.TryGetValue(name, out var t))
            throw Unexpected($"'{name}' to be an initializer");
        if (t.DataType != (int)TensorProto.Types.DataType.Float)
            throw Unexpected($"initializer '{name}' to hold float32 values, not data type {t.DataType}");
        long[] dims = t.Dims.ToArray();
        long count = dims.Aggregate(1L, (a, b) => a * b);
        float[] values;
        if (t.FloatData.Count > 0)
        {
            values = t.FloatData.ToArray();
        }
        else
        {
            // raw_data is little-endian by the ONNX specification.
            if (!BitConverter.IsLittleEndian)
                throw new PlatformNotSupportedException("Reading ONNX raw_data needs a little-endian machine.");
            values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray();
        }
        if (values.LongLength != count)
            throw Unexpected($"initializer '{name}' to hold {count} values for dimensions [{string.Join(", ", dims)}], not {values.LongLength}");
        return (dims, values);
    }

    /// <summary>An integer-list attribute, or <paramref name="fallback"/> when absent.</summary>
    public static long[] Ints(NodeProto node, string name, long[] fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.Ints.ToArray() : fallback;

    /// <summary>An integer attribute, or <paramref name="fallback"/> when absent.</summary>
    public static long Int(NodeProto node, string name, long fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.I : fallback;

    /// <summary>A float attribute, or <paramref name="fallback"/> when absent.</summary>
    public static float Float(NodeProto node, string name, float fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.F : fallback;

    /// <summary>A string attribute, or <paramref name="fallback"/> when absent.</summary>
    public static string Text(NodeProto node, string name, string fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.S.ToStringUtf8() : fallback;

    /// <summary>"OpType 'name'" for messages.</summary>
    public static string Describe(NodeProto node) => $"{node.OpType} '{node.Name}'";

    /// <summary>An error saying what the reader expected in this file.</summary>
    public InvalidDataException Unexpected(string expectation) =>
        new($"'{Path}' does not have the expected graph: expected {expectation}.");

    private static long[] Dimensions(ValueInfoProto value) =>
        value.Type?.TensorType?.Shape?.Dim.Select(d => d.DimValue).ToArray() ?? Array.Empty<long>();
}
