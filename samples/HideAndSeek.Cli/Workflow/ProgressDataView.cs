using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Cli.Workflow;

/// <summary>
/// A pass-through view that reports each pass over its rows to a <see cref="RowProgressDisplay"/> and stops a pass
/// at the next row once <paramref name="cancellation"/> is signalled (Ctrl+C, SIGTERM). The library's evaluator and
/// picture writer read it like any IDataView, so progress needs no hooks in them.
/// </summary>
/// <remarks>A stopped pass throws <see cref="PassStoppedException"/>.</remarks>
/// <param name="inner">The data, typically scored by a model (each row read is one image scored).</param>
/// <param name="task">What a pass is called on the status line ("evaluating", "pictures").</param>
/// <param name="display">Where progress goes.</param>
/// <param name="cancellation">Stops the pass at the next row.</param>
internal sealed class ProgressDataView(IDataView inner, string task, RowProgressDisplay display, CancellationToken cancellation) : IDataView
{
    private int _passes;

    public bool CanShuffle => inner.CanShuffle;

    public DataViewSchema Schema => inner.Schema;

    public long? GetRowCount() => inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(inner.GetRowCursor(columnsNeeded, rand), StartPass());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var pass = StartPass();
        return inner.GetRowCursorSet(columnsNeeded, n, rand).Select(c => (DataViewRowCursor)new Cursor(c, pass)).ToArray();
    }

    private Pass StartPass()
    {
        if (cancellation.IsCancellationRequested)
            throw new PassStoppedException(task, cancellation);
        int number = Interlocked.Increment(ref _passes);
        display.Start(number == 1 ? task : $"{task} (pass {number})", inner.GetRowCount());
        return new Pass(task, display, cancellation);
    }

    /// <summary>A pass stopped by Ctrl+C or SIGTERM; what it would have produced is not written.</summary>
    internal sealed class PassStoppedException(string task, CancellationToken token)
        : OperationCanceledException($"stopped while {task}; its results are incomplete (run the same command again)", token);

    /// <summary>The rows read so far by all the cursors of one pass.</summary>
    private sealed class Pass(string task, RowProgressDisplay display, CancellationToken cancellation)
    {
        private long _rows;
        private int _openCursors;

        public void Opened() => Interlocked.Increment(ref _openCursors);

        public void Row()
        {
            if (cancellation.IsCancellationRequested)
                throw new PassStoppedException(task, cancellation);
            display.Rows(Interlocked.Increment(ref _rows));
        }

        public void Closed()
        {
            if (Interlocked.Decrement(ref _openCursors) == 0)
                display.End();
        }
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly DataViewRowCursor _inner;
        private readonly Pass _pass;
        private bool _disposed;

        public Cursor(DataViewRowCursor inner, Pass pass)
        {
            _inner = inner;
            _pass = pass;
            pass.Opened();
        }

        public override DataViewSchema Schema => _inner.Schema;

        public override long Position => _inner.Position;

        public override long Batch => _inner.Batch;

        public override bool MoveNext()
        {
            if (!_inner.MoveNext())
                return false;
            _pass.Row();
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => _inner.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _inner.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _inner.GetGetter<TValue>(column);

        protected override void Dispose(bool disposing)
        {
            if (!_disposed && disposing)
            {
                _disposed = true;
                _inner.Dispose();
                _pass.Closed();
            }
            base.Dispose(disposing);
        }
    }
}
