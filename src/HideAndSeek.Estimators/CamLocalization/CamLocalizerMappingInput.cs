using HideAndSeek.ModelFormat;
using Microsoft.ML.Data;

namespace HideAndSeek.CamLocalization;

/// <summary>What the localiser's custom mapping reads in a loaded zip.</summary>
internal sealed class CamLocalizerMappingInput
{
    /// <summary>The model id.</summary>
    [ColumnName(SurrogateColumns.ModelId)]
    public string ModelId { get; set; } = "";

    /// <summary>The model bytes while the model is not loaded in this process, else empty.</summary>
    [ColumnName(SurrogateColumns.Payload), VectorType]
    public byte[] Payload { get; set; } = Array.Empty<byte>();

    /// <summary>The classifier's CAM feature map.</summary>
    [ColumnName(SurrogateColumns.InputFeatureMap), VectorType]
    public float[] FeatureMap { get; set; } = Array.Empty<float>();

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
