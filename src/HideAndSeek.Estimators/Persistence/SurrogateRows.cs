using System.ComponentModel;
using Microsoft.ML.Data;

namespace HideAndSeek.Persistence;

// Row types of the custom mappings inside saved models. ML.NET binds them by reflection, so they are public; they are
// an implementation detail of the model format and not meant to be used directly.

/// <summary>Input of the anchor mapping: reads no column. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AnchorInput
{
}

/// <summary>Output of the anchor mapping: a constant key for the model-id lookup. Model-format plumbing.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AnchorOutput
{
    /// <summary>Always 0.</summary>
    [ColumnName(SurrogateColumns.Anchor)]
    public uint Anchor { get; set; }
}

/// <summary>Input of the payload request mapping. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PayloadRequestInput
{
    /// <summary>The model id looked up from the anchor.</summary>
    [ColumnName(SurrogateColumns.ModelId)]
    public string ModelId { get; set; } = "";
}

/// <summary>Output of the payload request mapping. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PayloadRequestOutput
{
    /// <summary>The model id while its runtime is not loaded in this process, else empty (so no bytes are copied).</summary>
    [ColumnName(SurrogateColumns.PayloadKey)]
    public string PayloadKey { get; set; } = "";
}

/// <summary>Common shape of the packed outputs of the model mappings. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IPackedRow
{
    /// <summary>The packed float outputs; the length is the row type's tier.</summary>
    float[] Values { get; set; }

    /// <summary>A text output (a class name).</summary>
    string Text { get; set; }

    /// <summary>A second text output (a class name).</summary>
    string Text2 { get; set; }
}
