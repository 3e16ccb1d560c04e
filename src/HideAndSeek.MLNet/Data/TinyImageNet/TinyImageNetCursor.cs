using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Data;

/// <summary>Walks a range of a visiting order over a <see cref="TinyImageNetDataView"/>'s rows.</summary>
internal sealed class TinyImageNetCursor : DataViewRowCursor
{
    private const int ImagePathIndex = 0;
    private const int LabelIndex = 1;
    private const int LabelNameIndex = 2;
    private const int BoxIndex = 3;
    private const int MaskPathIndex = 4;

    private readonly TinyImageNetDataView _view;
    private readonly int[]? _order;
    private readonly int _end;
    private readonly bool[] _active;
    private readonly long _batch;
    private int _next;
    private int _row = -1;
    private long _position = -1;
    private bool _disposed;

    /// <param name="view">The rows.</param>
    /// <param name="order">Row indices in visiting order, or <see langword="null"/> for file order.</param>
    /// <param name="start">First position in <paramref name="order"/> this cursor visits.</param>
    /// <param name="end">Position in <paramref name="order"/> where it stops (exclusive).</param>
    /// <param name="active">Active flags per column index.</param>
    /// <param name="batch">The batch number of all its rows (its place in a cursor set).</param>
    public TinyImageNetCursor(TinyImageNetDataView view, int[]? order, int start, int end, bool[] active, long batch)
    {
        _view = view;
        _order = order;
        _next = start;
        _end = end;
        _active = active;
        _batch = batch;
    }

    public override DataViewSchema Schema => _view.Schema;

    public override long Position => _position;

    public override long Batch => _batch;

    public override bool MoveNext()
    {
        if (_disposed || _next >= _end)
        {
            _row = -1;
            _position = -1;
            return false;
        }
        _row = _order is null ? _next : _order[_next];
        _next++;
        _position++;
        return true;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index >= 0 && column.Index < _active.Length && _active[column.Index];

    public override ValueGetter<DataViewRowId> GetIdGetter() =>
        (ref DataViewRowId value) => value = new DataViewRowId((ulong)CurrentRow(), 0);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!IsColumnActive(column))
            throw new InvalidOperationException($"Column '{column.Name}' was not requested when this cursor was created.");
        Delegate getter = column.Index switch
        {
            ImagePathIndex => TextGetter(r => r.ImagePath),
            LabelIndex => TextGetter(r => r.Label),
            LabelNameIndex => TextGetter(r => r.LabelName),
            BoxIndex => (ValueGetter<VBuffer<float>>)GetBox,
            MaskPathIndex => TextGetter(r => r.MaskPath!),
            _ => throw new ArgumentOutOfRangeException(nameof(column)),
        };
        return getter as ValueGetter<TValue> ?? throw new InvalidOperationException(
            $"Column '{column.Name}' is of type {column.Type}; it cannot be read as {typeof(TValue).Name}.");
    }

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _row = -1;
        _position = -1;
        base.Dispose(disposing);
    }

    private ValueGetter<ReadOnlyMemory<char>> TextGetter(Func<TinyImageNetRecord, string> field) =>
        (ref ReadOnlyMemory<char> value) => value = field(_view[CurrentRow()]).AsMemory();

    private void GetBox(ref VBuffer<float> value)
    {
        var record = _view[CurrentRow()];
        var editor = VBufferEditor.Create(ref value, TinyImageNetColumns.BoxSize);
        editor.Values[0] = record.XMin;
        editor.Values[1] = record.YMin;
        editor.Values[2] = record.XMax;
        editor.Values[3] = record.YMax;
        value = editor.Commit();
    }

    private int CurrentRow() =>
        _row >= 0 ? _row : throw new InvalidOperationException("The cursor is not on a row: call MoveNext first.");
}
