using HideAndSeek.DataViews;
using HideAndSeek.ModelFormat;
using HideAndSeek.PixelColumns;
using HideAndSeek.Ranking;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.GapClassifier;

/// <summary>
/// The scored view of <see cref="GapClassifierTransformer"/>: runs the network on batches of images instead of one
/// forward per row. A second cursor over the input reads the pixels ahead of the rows the consumer is on, in the same
/// order (same shuffling seed), and row ids check that the two stay aligned.
/// </summary>
internal sealed class BatchedScoringDataView : IDataView
{
    private readonly IDataView _input;
    private readonly GapClassifierRuntime _runtime;
    private readonly int _pixelIndex;
    private readonly int _batchSize;
    private readonly int _scoreIndex;
    private readonly int _predictedIndex;
    private readonly int _featuresIndex;

    /// <param name="input">The images.</param>
    /// <param name="schema">The input's columns followed by <paramref name="outputs"/>.</param>
    /// <param name="runtime">The classifier.</param>
    /// <param name="pixelColumn">The pixel column read.</param>
    /// <param name="batchSize">Images per forward pass.</param>
    /// <param name="outputs">The columns the classifier adds (<see cref="GapClassifierOutputs"/>).</param>
    public BatchedScoringDataView(IDataView input, DataViewSchema schema, GapClassifierRuntime runtime, string pixelColumn, int batchSize,
        IReadOnlyList<OutputColumn> outputs)
    {
        _input = input;
        Schema = schema;
        _runtime = runtime;
        _pixelIndex = input.Schema[pixelColumn].Index;
        _batchSize = batchSize;
        int IndexOf(string role) => input.Schema.Count + outputs.Select(c => c.Role).ToList().IndexOf(role);
        (_scoreIndex, _predictedIndex, _featuresIndex) =
            (IndexOf(GapClassifierOutputs.Score), IndexOf(GapClassifierOutputs.PredictedLabel), IndexOf(GapClassifierOutputs.FeatureMap));
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.Select(c => c.Index).ToHashSet();
        bool scores = needed.Contains(_scoreIndex) || needed.Contains(_predictedIndex);
        bool features = needed.Contains(_featuresIndex);
        var inputColumns = needed.Where(i => i < _input.Schema.Count).Select(i => _input.Schema[i]).ToList();
        // Both cursors must visit rows in the same order: give them generators with the same seed.
        int? seed = rand?.Next();
        var main = _input.GetRowCursor(inputColumns, seed is int s1 ? new Random(s1) : null);
        var ahead = scores || features
            ? _input.GetRowCursor(new[] { _input.Schema[_pixelIndex] }, seed is int s2 ? new Random(s2) : null)
            : null;
        return new Cursor(this, main, ahead, features);
    }

    // One cursor: batching already uses the cores through TorchSharp's intra-op threads.
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        new[] { GetRowCursor(columnsNeeded, rand) };

    private sealed class Cursor : AddedColumnsCursor
    {
        private readonly BatchedScoringDataView _parent;
        private readonly DataViewRowCursor? _ahead;
        private readonly bool _keepFeatures;
        private readonly ValueGetter<DataViewRowId> _mainId;
        private readonly ValueGetter<VBuffer<float>>? _aheadPixels;
        private readonly ValueGetter<DataViewRowId>? _aheadId;
        private readonly float[] _pixels;
        private readonly float[] _features;
        private readonly float[] _scores;
        private readonly DataViewRowId[] _ids;
        private long _batchStart;
        private int _batchCount;
        private VBuffer<float> _pixelBuffer;

        public Cursor(BatchedScoringDataView parent, DataViewRowCursor main, DataViewRowCursor? ahead, bool keepFeatures)
            : base(parent.Schema, main)
        {
            _parent = parent;
            _ahead = ahead;
            _keepFeatures = keepFeatures;
            _mainId = main.GetIdGetter();
            var runtime = parent._runtime;
            int b = parent._batchSize;
            _pixels = ahead is null ? Array.Empty<float>() : new float[b * runtime.InputShape.Length];
            _features = ahead is null ? Array.Empty<float>() : new float[b * runtime.FeatureLength];
            _scores = ahead is null ? Array.Empty<float>() : new float[b * runtime.NumClasses];
            _ids = new DataViewRowId[b];
            if (ahead is not null)
            {
                _aheadPixels = ahead.GetGetter<VBuffer<float>>(ahead.Schema[parent._pixelIndex]);
                _aheadId = ahead.GetIdGetter();
            }
        }

        public override bool IsColumnActive(DataViewSchema.Column column)
        {
            if (column.Index < _parent._input.Schema.Count)
                return Input.IsColumnActive(Input.Schema[column.Index]);
            return _ahead is not null && (column.Index != _parent._featuresIndex || _keepFeatures);
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index < _parent._input.Schema.Count)
                return Input.GetGetter<TValue>(Input.Schema[column.Index]);
            if (!IsColumnActive(column))
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            Delegate getter = column.Index == _parent._predictedIndex ? PredictedGetter() : VectorGetter(column.Index == _parent._scoreIndex);
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
        }

        private ValueGetter<VBuffer<float>> VectorGetter(bool scores)
        {
            var runtime = _parent._runtime;
            int length = scores ? runtime.NumClasses : runtime.FeatureLength;
            var source = scores ? _scores : _features;
            return (ref VBuffer<float> dst) =>
            {
                int row = EnsureScored();
                var editor = VBufferEditor.Create(ref dst, length);
                source.AsSpan(row * length, length).CopyTo(editor.Values);
                dst = editor.Commit();
            };
        }

        private ValueGetter<uint> PredictedGetter()
        {
            int k = _parent._runtime.NumClasses;
            return (ref uint dst) =>
            {
                int row = EnsureScored();
                dst = (uint)ClassRanking.ArgMax(_scores.AsSpan(row * k, k)) + 1;
            };
        }

        /// <summary>Scores the batch holding the current row if needed; returns the row's index in the batch.</summary>
        private int EnsureScored()
        {
            long position = Input.Position;
            if (position < 0)
                throw new InvalidOperationException("The cursor is not on a row.");
            if (position < _batchStart)
                throw new InvalidOperationException("Rows must be read in cursor order.");
            if (position >= _batchStart + _batchCount)
                LoadBatch(position);
            int row = (int)(position - _batchStart);
            DataViewRowId id = default;
            _mainId(ref id);
            if (!id.Equals(_ids[row]))
                throw new InvalidOperationException("The scoring cursors lost alignment: the input does not give the same row order to two cursors with the same seed.");
            return row;
        }

        private void LoadBatch(long position)
        {
            var runtime = _parent._runtime;
            // Skip rows the consumer moved past without reading outputs.
            for (long skip = position - (_batchStart + _batchCount); skip > 0; skip--)
            {
                if (!_ahead!.MoveNext())
                    throw new InvalidOperationException("The scoring cursor ran out of rows before the consumer's cursor.");
            }
            _batchStart = position;
            _batchCount = 0;
            int length = runtime.InputShape.Length;
            string column = _ahead!.Schema[_parent._pixelIndex].Name;
            while (_batchCount < _parent._batchSize && _ahead.MoveNext())
            {
                _aheadPixels!(ref _pixelBuffer);
                runtime.InputShape.CheckRow(_pixelBuffer.Length, column, _ahead.Position, "GapClassifier");
                PixelVectors.CopyDense(_pixelBuffer, _pixels.AsSpan(_batchCount * length, length));
                _aheadId!(ref _ids[_batchCount]);
                _batchCount++;
            }
            if (_batchCount == 0)
                throw new InvalidOperationException("The scoring cursor ran out of rows before the consumer's cursor.");
            runtime.ComputeFeatures(_pixels, _batchCount, _features);
            int f = runtime.FeatureLength, k = runtime.NumClasses;
            for (int i = 0; i < _batchCount; i++)
            {
                runtime.Head(_features.AsSpan(i * f, f), _scores.AsSpan(i * k, k));
                runtime.EnsureFinite(_pixels.AsSpan(i * length, length), _features.AsSpan(i * f, f), _scores.AsSpan(i * k, k),
                    $"row {position + i} (row id {_ids[i].Low})");
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _ahead?.Dispose();
            base.Dispose(disposing);
        }
    }
}
