using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Data.ImageFiles;

/// <summary>
/// Walks a visiting order over an <see cref="AnnotatedImageDataView"/>'s rows, or every <c>stride</c>-th block of it when
/// it is one cursor of a parallel set.
/// </summary>
internal sealed class AnnotatedImageCursor : DataViewRowCursor
{
    // ImagePath is always the first column.
    private const int ImagePathIndex = 0;

    private readonly AnnotatedImageDataView _view;
    private readonly int[]? _order;
    private readonly int _count;
    private readonly int _blockSize;
    private readonly int _stride;
    private readonly bool[] _active;
    private long _block;
    private int _next;
    private int _row = -1;
    private long _position = -1;
    private bool _disposed;

    /// <param name="view">The rows.</param>
    /// <param name="order">Row indices in visiting order, or <see langword="null"/> for file order.</param>
    /// <param name="blockSize">Rows per block of the visiting order; a block's number is its rows' batch number.</param>
    /// <param name="firstBlock">The first block this cursor visits.</param>
    /// <param name="stride">Blocks between two of this cursor's blocks (the size of its cursor set; 1 alone).</param>
    /// <param name="active">Active flags per column index.</param>
    public AnnotatedImageCursor(AnnotatedImageDataView view, int[]? order, int blockSize, int firstBlock, int stride, bool[] active)
    {
        _view = view;
        _order = order;
        _count = view.RowCount;
        _blockSize = blockSize;
        _stride = stride;
        _active = active;
        _block = firstBlock;
        _next = (int)Math.Min((long)firstBlock * blockSize, _count);
    }

    public override DataViewSchema Schema => _view.Schema;

    public override long Position => _position;

    /// <summary>The block of the current row: consolidating a cursor set by batch restores the single cursor's order.</summary>
    public override long Batch => _block;

    public override bool MoveNext()
    {
        while (!_disposed && _next < _count)
        {
            if (_next >= (_block + 1) * _blockSize)
            {
                // Past this cursor's block: on to its next one.
                _block += _stride;
                _next = (int)Math.Min(_block * _blockSize, _count);
                continue;
            }
            int row = _order is null ? _next : _order[_next];
            _next++;
            // Rows whose image is read downstream are checked; a bad one throws or is left out (SkipBadImages).
            if (_active[ImagePathIndex] && !_view.HasUsableImage(row))
                continue;
            _row = row;
            _position++;
            return true;
        }
        _row = -1;
        _position = -1;
        return false;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index >= 0 && column.Index < _active.Length && _active[column.Index];

    public override ValueGetter<DataViewRowId> GetIdGetter() =>
        (ref DataViewRowId value) => value = new DataViewRowId((ulong)CurrentRow(), 0);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!IsColumnActive(column))
            throw new InvalidOperationException($"Column '{column.Name}' was not requested when this cursor was created.");
        Delegate getter = _view.Columns[column.Index] switch
        {
            ImageDatasetColumns.ImagePath => TextGetter(r => r.ImagePath),
            ImageDatasetColumns.Label => TextGetter(r => r.Label),
            ImageDatasetColumns.LabelName => TextGetter(r => r.LabelName),
            ImageDatasetColumns.Box => VectorGetter(r => r.Box),
            ImageDatasetColumns.MaskPath => TextGetter(r => r.MaskPath!),
            ImageDatasetColumns.PartBox => VectorGetter(r => r.PartBox),
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

    private ValueGetter<ReadOnlyMemory<char>> TextGetter(Func<AnnotatedImage, string> field) =>
        (ref ReadOnlyMemory<char> value) => value = field(_view[CurrentRow()]).AsMemory();

    private ValueGetter<VBuffer<float>> VectorGetter(Func<AnnotatedImage, float[]?> field) =>
        (ref VBuffer<float> value) =>
        {
            var values = field(_view[CurrentRow()]) ?? [];
            var editor = VBufferEditor.Create(ref value, values.Length);
            values.CopyTo(editor.Values);
            value = editor.Commit();
        };

    private int CurrentRow() =>
        _row >= 0 ? _row : throw new InvalidOperationException("The cursor is not on a row: call MoveNext first.");
}
