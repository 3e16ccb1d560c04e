using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.DataViews;

/// <summary>
/// Base of the cursors of our views that add or replace columns on another cursor's rows: moving, positions, batches
/// and row ids are the input's, and disposing the cursor disposes the input.
/// </summary>
internal abstract class AddedColumnsCursor : DataViewRowCursor
{
    private protected AddedColumnsCursor(DataViewSchema schema, DataViewRowCursor input)
    {
        Schema = schema;
        Input = input;
    }

    public override DataViewSchema Schema { get; }

    public override long Position => Input.Position;

    public override long Batch => Input.Batch;

    /// <summary>The cursor whose rows this one walks.</summary>
    private protected DataViewRowCursor Input { get; }

    public override bool MoveNext() => Input.MoveNext();

    public override ValueGetter<DataViewRowId> GetIdGetter() => Input.GetIdGetter();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Input.Dispose();
        base.Dispose(disposing);
    }
}
