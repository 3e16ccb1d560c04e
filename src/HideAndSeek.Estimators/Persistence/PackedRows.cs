using System.ComponentModel;
using Microsoft.ML.Data;

namespace HideAndSeek.Persistence;

// A custom mapping's output vector size is fixed by an attribute on its row type, while our outputs (class scores,
// feature maps, heatmaps) vary in size per model. Each tier below is one fixed size; a model writes into the smallest
// tier that fits and the surrogate chain cuts the exact slices out with ML.NET's count-based slot selection.

/// <summary>Packed model output of 32 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow32 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(32), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[32];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 64 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow64 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(64), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[64];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 128 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow128 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(128), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[128];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 256 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow256 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(256), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[256];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 512 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow512 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(512), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[512];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 1024 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow1024 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(1024), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[1024];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 2048 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow2048 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(2048), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[2048];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 4096 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow4096 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(4096), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[4096];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 8192 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow8192 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(8192), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[8192];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 16384 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow16384 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(16384), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[16384];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 32768 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow32768 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(32768), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[32768];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 65536 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow65536 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(65536), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[65536];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 131072 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow131072 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(131072), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[131072];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 262144 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow262144 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(262144), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[262144];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 524288 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow524288 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(524288), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[524288];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 1048576 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow1048576 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(1048576), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[1048576];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 2097152 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow2097152 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(2097152), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[2097152];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}

/// <summary>Packed model output of 4194304 floats. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedRow4194304 : IPackedRow
{
    /// <summary>The packed values.</summary>
    [VectorType(4194304), ColumnName(SurrogateColumns.Packed)]
    public float[] Values { get; set; } = new float[4194304];

    /// <summary>A text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text)]
    public string Text { get; set; } = "";

    /// <summary>A second text output (a class name).</summary>
    [ColumnName(SurrogateColumns.Text2)]
    public string Text2 { get; set; } = "";
}
