using System.ComponentModel;
using HideAndSeek.Persistence;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace HideAndSeek.Prediction;

/// <summary>What the classifier's custom mapping reads in a loaded zip. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GapClassifierRow
{
    /// <summary>The model id.</summary>
    [ColumnName(SurrogateColumns.ModelId)]
    public string ModelId { get; set; } = "";

    /// <summary>The model bytes while the model is not loaded in this process, else empty.</summary>
    [ColumnName(SurrogateColumns.Payload), VectorType]
    public byte[] Payload { get; set; } = Array.Empty<byte>();

    /// <summary>The image, C x H x W.</summary>
    [ColumnName(SurrogateColumns.InputPixels), VectorType]
    public float[] Pixels { get; set; } = Array.Empty<float>();
}

/// <summary>
/// Scores one image in a loaded zip: packs [class probabilities | feature map F] and names the top class.
/// Model-format plumbing; not for direct use.
/// </summary>
/// <typeparam name="TOutput">The packed output tier.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GapClassifierMapping<TOutput> : PackedMappingFactory<GapClassifierRow, TOutput>
    where TOutput : class, IPackedRow, new()
{
    internal const string Family = "HideAndSeek.GapClassifier.v1";
    private static readonly int TierSize = new TOutput().Values.Length;

    /// <inheritdoc />
    public override Action<GapClassifierRow, TOutput> GetMapping() => static (input, output) =>
    {
        var runtime = ModelRegistry.Resolve(input.ModelId, input.Payload, bytes => GapClassifierRuntime.Deserialize(bytes, input.ModelId));
        var packed = Buffer(output, TierSize);
        output.Text = runtime.ScoreOne(input.Pixels, packed);
    };
}

/// <summary>Classifier mapping, 32 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T32")]
public sealed class GapClassifierMapping32 : GapClassifierMapping<PackedRow32>
{
}

/// <summary>Classifier mapping, 64 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T64")]
public sealed class GapClassifierMapping64 : GapClassifierMapping<PackedRow64>
{
}

/// <summary>Classifier mapping, 128 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T128")]
public sealed class GapClassifierMapping128 : GapClassifierMapping<PackedRow128>
{
}

/// <summary>Classifier mapping, 256 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T256")]
public sealed class GapClassifierMapping256 : GapClassifierMapping<PackedRow256>
{
}

/// <summary>Classifier mapping, 512 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T512")]
public sealed class GapClassifierMapping512 : GapClassifierMapping<PackedRow512>
{
}

/// <summary>Classifier mapping, 1024 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T1024")]
public sealed class GapClassifierMapping1024 : GapClassifierMapping<PackedRow1024>
{
}

/// <summary>Classifier mapping, 2048 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T2048")]
public sealed class GapClassifierMapping2048 : GapClassifierMapping<PackedRow2048>
{
}

/// <summary>Classifier mapping, 4096 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T4096")]
public sealed class GapClassifierMapping4096 : GapClassifierMapping<PackedRow4096>
{
}

/// <summary>Classifier mapping, 8192 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T8192")]
public sealed class GapClassifierMapping8192 : GapClassifierMapping<PackedRow8192>
{
}

/// <summary>Classifier mapping, 16384 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T16384")]
public sealed class GapClassifierMapping16384 : GapClassifierMapping<PackedRow16384>
{
}

/// <summary>Classifier mapping, 32768 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T32768")]
public sealed class GapClassifierMapping32768 : GapClassifierMapping<PackedRow32768>
{
}

/// <summary>Classifier mapping, 65536 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T65536")]
public sealed class GapClassifierMapping65536 : GapClassifierMapping<PackedRow65536>
{
}

/// <summary>Classifier mapping, 131072 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T131072")]
public sealed class GapClassifierMapping131072 : GapClassifierMapping<PackedRow131072>
{
}

/// <summary>Classifier mapping, 262144 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T262144")]
public sealed class GapClassifierMapping262144 : GapClassifierMapping<PackedRow262144>
{
}

/// <summary>Classifier mapping, 524288 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T524288")]
public sealed class GapClassifierMapping524288 : GapClassifierMapping<PackedRow524288>
{
}

/// <summary>Classifier mapping, 1048576 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T1048576")]
public sealed class GapClassifierMapping1048576 : GapClassifierMapping<PackedRow1048576>
{
}

/// <summary>Classifier mapping, 2097152 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T2097152")]
public sealed class GapClassifierMapping2097152 : GapClassifierMapping<PackedRow2097152>
{
}

/// <summary>Classifier mapping, 4194304 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T4194304")]
public sealed class GapClassifierMapping4194304 : GapClassifierMapping<PackedRow4194304>
{
}
