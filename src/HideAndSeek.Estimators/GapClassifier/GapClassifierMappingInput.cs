using HideAndSeek.ModelFormat;
using Microsoft.ML.Data;

namespace HideAndSeek.GapClassifier;

/// <summary>What the classifier's custom mapping reads in a loaded zip.</summary>
internal sealed class GapClassifierMappingInput
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
