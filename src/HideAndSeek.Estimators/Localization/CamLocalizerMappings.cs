using System.ComponentModel;
using HideAndSeek.Persistence;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace HideAndSeek.Localization;

/// <summary>What the localiser's custom mapping reads in a loaded zip. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CamLocalizerRow
{
    /// <summary>The model id.</summary>
    [ColumnName(SurrogateColumns.ModelId)]
    public string ModelId { get; set; } = "";

    /// <summary>The model bytes while the model is not loaded in this process, else empty.</summary>
    [ColumnName(SurrogateColumns.Payload), VectorType]
    public byte[] Payload { get; set; } = Array.Empty<byte>();

    /// <summary>The classifier's feature map.</summary>
    [ColumnName(SurrogateColumns.InputFeatures), VectorType]
    public float[] Features { get; set; } = Array.Empty<float>();

    /// <summary>The classifier's probabilities.</summary>
    [ColumnName(SurrogateColumns.InputScores), VectorType]
    public float[] Scores { get; set; } = Array.Empty<float>();

    /// <summary>The label key (0 = missing); any key count is accepted.</summary>
    [ColumnName(SurrogateColumns.InputLabel), KeyType(uint.MaxValue)]
    public uint Label { get; set; }

    /// <summary>The image (multi-crop test only).</summary>
    [ColumnName(SurrogateColumns.InputPixels), VectorType]
    public float[] Pixels { get; set; } = Array.Empty<float>();
}

/// <summary>
/// Localises one image in a loaded zip: packs heatmaps, the box and multi-crop scores, names the classes.
/// Model-format plumbing; not for direct use.
/// </summary>
/// <typeparam name="TOutput">The packed output tier.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class CamLocalizerMapping<TOutput> : PackedMappingFactory<CamLocalizerRow, TOutput>
    where TOutput : class, IPackedRow, new()
{
    internal const string Family = "HideAndSeek.CamLocalizer.v1";
    private static readonly int TierSize = new TOutput().Values.Length;

    /// <inheritdoc />
    public override Action<CamLocalizerRow, TOutput> GetMapping() => static (input, output) =>
    {
        var runtime = ModelRegistry.Resolve(input.ModelId, input.Payload, bytes => CamLocalizerRuntime.Deserialize(bytes, input.ModelId));
        var packed = Buffer(output, TierSize);
        (output.Text, output.Text2) = runtime.Map(input.Features, input.Scores, input.Label, input.Pixels, packed);
    };
}

/// <summary>Localiser mapping, 32 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T32")]
public sealed class CamLocalizerMapping32 : CamLocalizerMapping<PackedRow32>
{
}

/// <summary>Localiser mapping, 64 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T64")]
public sealed class CamLocalizerMapping64 : CamLocalizerMapping<PackedRow64>
{
}

/// <summary>Localiser mapping, 128 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T128")]
public sealed class CamLocalizerMapping128 : CamLocalizerMapping<PackedRow128>
{
}

/// <summary>Localiser mapping, 256 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T256")]
public sealed class CamLocalizerMapping256 : CamLocalizerMapping<PackedRow256>
{
}

/// <summary>Localiser mapping, 512 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T512")]
public sealed class CamLocalizerMapping512 : CamLocalizerMapping<PackedRow512>
{
}

/// <summary>Localiser mapping, 1024 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T1024")]
public sealed class CamLocalizerMapping1024 : CamLocalizerMapping<PackedRow1024>
{
}

/// <summary>Localiser mapping, 2048 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T2048")]
public sealed class CamLocalizerMapping2048 : CamLocalizerMapping<PackedRow2048>
{
}

/// <summary>Localiser mapping, 4096 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T4096")]
public sealed class CamLocalizerMapping4096 : CamLocalizerMapping<PackedRow4096>
{
}

/// <summary>Localiser mapping, 8192 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T8192")]
public sealed class CamLocalizerMapping8192 : CamLocalizerMapping<PackedRow8192>
{
}

/// <summary>Localiser mapping, 16384 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T16384")]
public sealed class CamLocalizerMapping16384 : CamLocalizerMapping<PackedRow16384>
{
}

/// <summary>Localiser mapping, 32768 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T32768")]
public sealed class CamLocalizerMapping32768 : CamLocalizerMapping<PackedRow32768>
{
}

/// <summary>Localiser mapping, 65536 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T65536")]
public sealed class CamLocalizerMapping65536 : CamLocalizerMapping<PackedRow65536>
{
}

/// <summary>Localiser mapping, 131072 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T131072")]
public sealed class CamLocalizerMapping131072 : CamLocalizerMapping<PackedRow131072>
{
}

/// <summary>Localiser mapping, 262144 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T262144")]
public sealed class CamLocalizerMapping262144 : CamLocalizerMapping<PackedRow262144>
{
}

/// <summary>Localiser mapping, 524288 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T524288")]
public sealed class CamLocalizerMapping524288 : CamLocalizerMapping<PackedRow524288>
{
}

/// <summary>Localiser mapping, 1048576 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T1048576")]
public sealed class CamLocalizerMapping1048576 : CamLocalizerMapping<PackedRow1048576>
{
}

/// <summary>Localiser mapping, 2097152 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T2097152")]
public sealed class CamLocalizerMapping2097152 : CamLocalizerMapping<PackedRow2097152>
{
}

/// <summary>Localiser mapping, 4194304 packed values. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Family + ".T4194304")]
public sealed class CamLocalizerMapping4194304 : CamLocalizerMapping<PackedRow4194304>
{
}
