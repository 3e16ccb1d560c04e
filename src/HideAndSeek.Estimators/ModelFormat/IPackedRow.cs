namespace HideAndSeek.ModelFormat;

/// <summary>The packed output of a model mapping: one row type per size (<see cref="PackedRows"/>).</summary>
internal interface IPackedRow
{
    /// <summary>The packed float outputs; the length is the row type's size.</summary>
    float[] Values { get; set; }

    /// <summary>A text output (a class name).</summary>
    string Text { get; set; }

    /// <summary>A second text output (a class name).</summary>
    string Text2 { get; set; }
}
