using HideAndSeek.DataViews;
using HideAndSeek.PixelColumns;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.TrainingOnly;

/// <summary>
/// The training view of a training-only pixel step (hiding, augmentation): applies the step lazily to each image as it
/// is read. Every new pass (cursor or cursor set) is a new epoch with new random draws unless a trainer names the epoch
/// explicitly (<see cref="TrainingEpoch"/>). A view made for a pipeline's training hand-off changes images only for
/// cursors a trainer opens inside a training epoch; reading it any other way (scoring the training data, previews of
/// the schema) gives the images untouched.
/// </summary>
internal sealed class TrainingPixelDataView : IDataView
{
    private readonly IDataView _source;
    private readonly ITrainingPixelOperation _operation;
    private readonly string _component;
    private readonly PixelColumnShape _shape;
    private readonly int _inputIndex;
    private readonly int _outputIndex;
    private readonly bool _onlyInTrainingEpoch;
    private long _passes;

    public TrainingPixelDataView(IDataView source, ITrainingPixelOperation operation, PixelColumnShape shape, string inputColumn,
        string outputColumn, string component, bool onlyInTrainingEpoch)
    {
        _source = source;
        _onlyInTrainingEpoch = onlyInTrainingEpoch;
        _operation = operation;
        _component = component;
        _shape = shape;
        var input = source.Schema[inputColumn];
        _inputIndex = input.Index;
        if (inputColumn == outputColumn)
        {
            Schema = source.Schema;
            _outputIndex = input.Index;
        }
        else
        {
            var builder = new DataViewSchema.Builder();
            builder.AddColumns(source.Schema);
            builder.AddColumn(outputColumn, input.Type, input.Annotations);
            Schema = builder.ToSchema();
            _outputIndex = source.Schema.Count;
        }
    }

    public bool CanShuffle => _source.CanShuffle;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var (sourceColumns, hide) = SourceColumns(columnsNeeded);
        return new Cursor(this, _source.GetRowCursor(sourceColumns, rand), NextEpoch(), hide, Active);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var (sourceColumns, hide) = SourceColumns(columnsNeeded);
        long epoch = NextEpoch();
        bool active = Active;
        return _source.GetRowCursorSet(sourceColumns, n, rand).Select(c => (DataViewRowCursor)new Cursor(this, c, epoch, hide, active)).ToArray();
    }

    private long NextEpoch() => TrainingEpoch.Current ?? Interlocked.Increment(ref _passes) - 1;

    /// <summary>Whether cursors opened now change images.</summary>
    private bool Active => !_onlyInTrainingEpoch || TrainingEpoch.Current is not null;

    private (List<DataViewSchema.Column> Columns, bool Hide) SourceColumns(IEnumerable<DataViewSchema.Column> needed)
    {
        var columns = new List<DataViewSchema.Column>();
        bool hide = false;
        foreach (var column in needed)
        {
            if (column.Index == _outputIndex)
                hide = true;
            if (column.Index < _source.Schema.Count)
                columns.Add(_source.Schema[column.Index]);
        }
        if (hide && columns.All(c => c.Index != _inputIndex))
            columns.Add(_source.Schema[_inputIndex]);
        return (columns, hide);
    }

    private sealed class Cursor : AddedColumnsCursor
    {
        private readonly TrainingPixelDataView _parent;
        private readonly long _epoch;
        private readonly bool _hide;
        private readonly bool _active;

        public Cursor(TrainingPixelDataView parent, DataViewRowCursor source, long epoch, bool hide, bool active)
            : base(parent.Schema, source)
        {
            _parent = parent;
            _epoch = epoch;
            _hide = hide;
            _active = active;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index == _parent._outputIndex ? _hide : Input.IsColumnActive(Input.Schema[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index != _parent._outputIndex)
                return Input.GetGetter<TValue>(Input.Schema[column.Index]);
            if (!_hide)
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            if (typeof(TValue) != typeof(VBuffer<float>))
                throw new InvalidOperationException($"Column '{column.Name}' holds VBuffer<Single>, not {typeof(TValue).Name}.");
            return (ValueGetter<TValue>)(Delegate)MakeTrainingGetter();
        }

        private ValueGetter<VBuffer<float>> MakeTrainingGetter()
        {
            var input = Input.GetGetter<VBuffer<float>>(Input.Schema[_parent._inputIndex]);
            var id = Input.GetIdGetter();
            var shape = _parent._shape;
            var operation = _parent._operation;
            var component = _parent._component;
            string name = Input.Schema[_parent._inputIndex].Name;
            VBuffer<float> pixels = default;
            DataViewRowId rowId = default;
            return (ref VBuffer<float> dst) =>
            {
                input(ref pixels);
                shape.CheckRow(pixels.Length, name, Position, component);
                var editor = VBufferEditor.Create(ref dst, pixels.Length);
                PixelVectors.CopyDense(pixels, editor.Values);
                if (_active)
                {
                    id(ref rowId);
                    operation.Apply(editor.Values, _epoch, rowId);
                }
                dst = editor.Commit();
            };
        }
    }
}
