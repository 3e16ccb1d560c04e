using HideAndSeek.PixelColumns;
using HideAndSeek.TrainingOnly;
using Microsoft.ML;
using Microsoft.ML.Data;
using System.Threading.Channels;

namespace HideAndSeek.GapClassifier;

/// <summary>
/// Assembles the mini-batches of one pass over an IDataView on a background thread, so JPEG decoding, resizing and
/// hiding overlap with the network's compute. A fixed set of buffers circulates between the loader and the consumer:
/// no allocation per batch, bounded memory.
/// </summary>
internal sealed class TrainingBatchReader : IDisposable
{
    private readonly Channel<TrainingBatch> _ready;
    private readonly Channel<TrainingBatch> _free;
    private readonly CancellationTokenSource _stop;
    private readonly Task _loader;

    /// <param name="data">The training or validation data.</param>
    /// <param name="pixelColumn">The C x H x W float column.</param>
    /// <param name="labelColumn">The key label column.</param>
    /// <param name="shape">The expected image layout.</param>
    /// <param name="batchSize">Images per batch; the last batch may be smaller.</param>
    /// <param name="prefetch">Batches prepared ahead.</param>
    /// <param name="shuffle">Null for file order; otherwise the generator of this pass's permutation.</param>
    /// <param name="epoch">The epoch whose cursor is opened (seen by training-only transforms), or null.</param>
    /// <param name="cancellation">Stops the loader.</param>
    /// <param name="skipRows">Rows of the pass to move past unread first (where a mid-epoch checkpoint stopped).</param>
    public TrainingBatchReader(IDataView data, string pixelColumn, string labelColumn, PixelColumnShape shape, int batchSize,
        int prefetch, Random? shuffle, int? epoch, CancellationToken cancellation, long skipRows = 0)
    {
        _ready = Channel.CreateBounded<TrainingBatch>(new BoundedChannelOptions(prefetch) { SingleReader = true, SingleWriter = true });
        _free = Channel.CreateUnbounded<TrainingBatch>();
        for (int i = 0; i < prefetch + 1; i++)
            _free.Writer.TryWrite(new TrainingBatch(batchSize, shape.Length));
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);

        // The cursor is opened here, on the caller's thread, so it sees the caller's epoch.
        var pixels = data.Schema[pixelColumn];
        var label = data.Schema[labelColumn];
        DataViewRowCursor cursor;
        using (epoch is int e ? TrainingEpoch.Enter(e) : null)
            cursor = data.GetRowCursor(new[] { pixels, label }, shuffle);
        _loader = Task.Run(() => Load(cursor, pixels, label, shape, batchSize, skipRows, _stop.Token));
    }

    /// <summary>The next batch, or null at the end of the pass. Hand it back with <see cref="Release"/>.</summary>
    public TrainingBatch? Next()
    {
        try
        {
            return _ready.Reader.ReadAsync(_stop.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException e) when (e.InnerException is null)
        {
            return null;
        }
        catch (ChannelClosedException e)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException!).Throw();
            throw;
        }
    }

    public void Release(TrainingBatch batch) => _free.Writer.TryWrite(batch);

    private async Task Load(DataViewRowCursor cursor, DataViewSchema.Column pixelColumn, DataViewSchema.Column labelColumn,
        PixelColumnShape shape, int batchSize, long skipRows, CancellationToken token)
    {
        Exception? failure = null;
        try
        {
            using (cursor)
            {
                var getPixels = cursor.GetGetter<VBuffer<float>>(pixelColumn);
                var getLabel = cursor.GetGetter<uint>(labelColumn);
                VBuffer<float> buffer = default;
                uint key = 0;
                int length = shape.Length;
                bool more = true;
                // The getters are not called: a skipped row's image is not hidden, augmented or copied here.
                for (long i = 0; i < skipRows && more; i++)
                {
                    token.ThrowIfCancellationRequested();
                    more = cursor.MoveNext();
                }
                while (more)
                {
                    var batch = await _free.Reader.ReadAsync(token).ConfigureAwait(false);
                    batch.Count = 0;
                    batch.SkippedRows = 0;
                    while (batch.Count < batchSize && (more = cursor.MoveNext()))
                    {
                        token.ThrowIfCancellationRequested();
                        getLabel(ref key);
                        if (key == 0)
                        {
                            // A missing label (key 0) cannot be trained on; counted and reported per epoch.
                            batch.SkippedRows++;
                            continue;
                        }
                        getPixels(ref buffer);
                        shape.CheckRow(buffer.Length, pixelColumn.Name, cursor.Position, "GapClassifier");
                        PixelVectors.CopyDense(buffer, batch.Pixels.AsSpan(batch.Count * length, length));
                        batch.Labels[batch.Count++] = key - 1;
                    }
                    if (batch.Count > 0 || batch.SkippedRows > 0)
                        await _ready.Writer.WriteAsync(batch, token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            failure = Unwrap(e);
        }
        _ready.Writer.TryComplete(failure);
    }

    /// <summary>
    /// ML.NET's parallel cursors wrap a source's exception as "Splitter/consolidator worker encountered exception while
    /// consuming source data", which names nothing; the source's own exception names the file or row.
    /// </summary>
    internal static Exception Unwrap(Exception e)
    {
        while (e is InvalidOperationException && e.InnerException is { } inner
               && e.Message.StartsWith("Splitter/consolidator", StringComparison.Ordinal))
        {
            e = inner;
        }

        return e;
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loader.Wait();
        }
        catch (AggregateException)
        {
            // the loader reports its failures through the channel
        }
        _stop.Dispose();
    }
}
