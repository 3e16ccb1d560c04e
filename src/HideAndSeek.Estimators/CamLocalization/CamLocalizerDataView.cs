using HideAndSeek.DataViews;
using HideAndSeek.ModelFormat;
using HideAndSeek.PixelColumns;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.CamLocalization;

/// <summary>
/// The in-process scored view of <see cref="CamLocalizer"/>: each row's heatmaps, box and classes are computed once,
/// when first read, by the same <see cref="CamLocalizerRuntime.Map"/> the zip's surrogate chain runs, and served
/// straight from that one buffer (the chain copies the feature map into and out of a dozen ML.NET stages). Outputs are
/// bit-identical to the chain's. Rows are independent, so a cursor set localises them in parallel.
/// </summary>
internal sealed class CamLocalizerDataView : IDataView
{
    private readonly IDataView _input;
    private readonly CamLocalizerRuntime _runtime;
    private readonly int _featureMapIndex;
    private readonly int _scoreIndex;
    private readonly int _labelIndex;
    private readonly int _pixelIndex;
    private readonly uint[] _keyOfClass;

    // Per output column: the input column it passes through, or -1 and what the localiser writes into it.
    private readonly int[] _inputIndexOf;
    private readonly OutputColumn?[] _outputOf;

    // The input columns derived outputs read (the photo's geometry).
    private readonly int[] _derivedInputs;

    /// <param name="input">The classifier's scored view.</param>
    /// <param name="schema">The chain's output schema for <paramref name="input"/>, which this view reproduces.</param>
    /// <param name="runtime">The localiser.</param>
    /// <param name="options">Its column names.</param>
    /// <param name="outputs">The columns the localiser writes (<see cref="CamLocalizerOutputs"/>).</param>
    public CamLocalizerDataView(IDataView input, DataViewSchema schema, CamLocalizerRuntime runtime, CamLocalizerOptions options,
        IReadOnlyList<OutputColumn> outputs)
    {
        _input = input;
        Schema = schema;
        _runtime = runtime;
        _featureMapIndex = input.Schema[options.FeatureMapColumnName].Index;
        _scoreIndex = input.Schema[options.ScoreColumnName].Index;
        _labelIndex = runtime.UsesLabel ? input.Schema[options.LabelColumnName!].Index : -1;
        _pixelIndex = runtime.Description.MultiCrop ? input.Schema[options.PixelColumnName].Index : -1;
        (_inputIndexOf, _outputOf) = MapColumns(input.Schema, schema, outputs);
        _derivedInputs = _outputOf.OfType<DerivedOutput>().Select(d => input.Schema[d.InputColumn].Index).Distinct().ToArray();
        // The chain turns class names into keys with MapValueToKey over the class names: a name's key is its first
        // position (1-based), so a repeated name maps as it does there.
        var names = runtime.Description.ClassNames;
        _keyOfClass = names.Select(name => (uint)Array.IndexOf(names, name) + 1).ToArray();
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var (inputColumns, localize) = InputColumns(columnsNeeded);
        return new Cursor(this, _input.GetRowCursor(inputColumns, rand), localize);
    }

    /// <summary>
    /// Where each column of the chain's schema comes from. The chain may reorder the input's columns (its last stage
    /// drops temporary columns and keeps shadowed ones beside their replacements): the k-th column of a name that the
    /// localiser does not write is the input's k-th column of that name.
    /// </summary>
    private static (int[] InputIndexOf, OutputColumn?[] OutputOf) MapColumns(DataViewSchema input, DataViewSchema schema,
        IReadOnlyList<OutputColumn> outputs)
    {
        var inputIndexOf = new int[schema.Count];
        var outputOf = new OutputColumn?[schema.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in schema)
        {
            inputIndexOf[column.Index] = -1;
            if (!column.IsHidden && outputs.FirstOrDefault(o => o.Name == column.Name) is { } output)
            {
                outputOf[column.Index] = output;
                continue;
            }
            int k = seen.GetValueOrDefault(column.Name);
            seen[column.Name] = k + 1;
            var source = input.Where(c => c.Name == column.Name).Skip(k).FirstOrDefault();
            inputIndexOf[column.Index] = source.Name is not null && source.Type.Equals(column.Type)
                ? source.Index
                : throw new InvalidOperationException($"CamLocalizer: output column '{column.Name}' has no input column to pass through.");
        }
        return (inputIndexOf, outputOf);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var (inputColumns, localize) = InputColumns(columnsNeeded);
        return _input.GetRowCursorSet(inputColumns, n, rand).Select(c => (DataViewRowCursor)new Cursor(this, c, localize)).ToArray();
    }

    /// <summary>The input columns a cursor needs, and whether any localiser output is asked for.</summary>
    private (List<DataViewSchema.Column> Columns, bool Localize) InputColumns(IEnumerable<DataViewSchema.Column> needed)
    {
        var indices = new HashSet<int>();
        bool localize = false;
        foreach (var column in needed)
        {
            if (_inputIndexOf[column.Index] >= 0)
                indices.Add(_inputIndexOf[column.Index]);
            else
                localize = true;
        }
        if (localize)
        {
            indices.Add(_featureMapIndex);
            indices.Add(_scoreIndex);
            if (_labelIndex >= 0)
                indices.Add(_labelIndex);
            if (_pixelIndex >= 0)
                indices.Add(_pixelIndex);
            indices.UnionWith(_derivedInputs);
        }
        return (indices.Order().Select(i => _input.Schema[i]).ToList(), localize);
    }

    private sealed class Cursor : AddedColumnsCursor
    {
        private readonly CamLocalizerDataView _parent;
        private readonly ValueGetter<VBuffer<float>>? _featureMap;
        private readonly ValueGetter<VBuffer<float>>? _scores;
        private readonly ValueGetter<uint>? _label;
        private readonly ValueGetter<VBuffer<float>>? _pixels;
        private readonly Dictionary<int, ValueGetter<VBuffer<float>>> _derivedInputs = new();
        private readonly float[] _packed;
        private long _localizedPosition = -1;
        private readonly int[] _classes = new int[2]; // the class keys' text slots: CAM class, predicted class
        private VBuffer<float> _featureBuffer;
        private VBuffer<float> _scoreBuffer;
        private VBuffer<float> _pixelBuffer;
        private float[] _pixelValues = Array.Empty<float>();

        public Cursor(CamLocalizerDataView parent, DataViewRowCursor input, bool localize)
            : base(parent.Schema, input)
        {
            _parent = parent;
            _packed = localize ? new float[parent._runtime.Packing.Length] : Array.Empty<float>();
            if (!localize)
                return;
            var schema = input.Schema;
            _featureMap = input.GetGetter<VBuffer<float>>(schema[parent._featureMapIndex]);
            _scores = input.GetGetter<VBuffer<float>>(schema[parent._scoreIndex]);
            if (parent._labelIndex >= 0)
                _label = KeyGetter(input, schema[parent._labelIndex]);
            if (parent._pixelIndex >= 0)
                _pixels = input.GetGetter<VBuffer<float>>(schema[parent._pixelIndex]);
            foreach (int index in parent._derivedInputs)
                _derivedInputs[index] = input.GetGetter<VBuffer<float>>(schema[index]);
        }

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            _parent._inputIndexOf[column.Index] is int source and >= 0 ? Input.IsColumnActive(Input.Schema[source]) : _featureMap is not null;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            int source = _parent._inputIndexOf[column.Index];
            if (source >= 0)
                return Input.GetGetter<TValue>(Input.Schema[source]);
            if (_featureMap is null)
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            Delegate getter = _parent._outputOf[column.Index] switch
            {
                PackedOutput packed => Slice(packed.Offset, packed.Length),
                ClassKeyOutput key => Key(key.TextSlot),
                DerivedOutput derived => Derived(derived),
                _ => throw new InvalidOperationException($"Column '{column.Name}' is not written by the localiser."),
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
        }

        private ValueGetter<VBuffer<float>> Slice(int start, int length) => (ref VBuffer<float> dst) =>
        {
            Localize();
            var editor = VBufferEditor.Create(ref dst, length);
            _packed.AsSpan(start, length).CopyTo(editor.Values);
            dst = editor.Commit();
        };

        private ValueGetter<VBuffer<float>> Derived(DerivedOutput derived)
        {
            var input = _derivedInputs[Input.Schema[derived.InputColumn].Index];
            VBuffer<float> inputBuffer = default;
            return (ref VBuffer<float> dst) =>
            {
                Localize();
                input(ref inputBuffer);
                var editor = VBufferEditor.Create(ref dst, derived.Length);
                derived.Compute(_packed.AsSpan(derived.Source.Offset, derived.Source.Length), Dense(inputBuffer), editor.Values);
                dst = editor.Commit();
            };
        }

        private ValueGetter<uint> Key(int textSlot) => (ref uint dst) =>
        {
            Localize();
            dst = _parent._keyOfClass[_classes[textSlot]];
        };

        /// <summary>Localises the current row unless done already.</summary>
        private void Localize()
        {
            long position = Input.Position;
            if (position < 0)
                throw new InvalidOperationException("The cursor is not on a row.");
            if (position == _localizedPosition)
                return;
            _featureMap!(ref _featureBuffer);
            _scores!(ref _scoreBuffer);
            uint label = 0;
            _label?.Invoke(ref label);
            if (_pixels is not null)
            {
                _pixels(ref _pixelBuffer);
                if (_pixelValues.Length != _pixelBuffer.Length)
                    _pixelValues = new float[_pixelBuffer.Length];
                PixelVectors.CopyDense(_pixelBuffer, _pixelValues);
            }
            (_classes[0], _classes[1]) = _parent._runtime.Map(Dense(_featureBuffer), Dense(_scoreBuffer), label, _pixelValues, _packed);
            _localizedPosition = position;
        }

        private static ReadOnlySpan<float> Dense(in VBuffer<float> buffer) =>
            buffer.IsDense ? buffer.GetValues() : buffer.DenseValues().ToArray();

        /// <summary>A key column's raw value as a uint, whatever its raw type (0 = missing).</summary>
        private static ValueGetter<uint> KeyGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
        {
            switch (column.Type.RawType)
            {
                case var t when t == typeof(uint):
                    return cursor.GetGetter<uint>(column);
                case var t when t == typeof(byte):
                    {
                        var get = cursor.GetGetter<byte>(column);
                        byte value = 0;
                        return (ref uint dst) => { get(ref value); dst = value; };
                    }
                case var t when t == typeof(ushort):
                    {
                        var get = cursor.GetGetter<ushort>(column);
                        ushort value = 0;
                        return (ref uint dst) => { get(ref value); dst = value; };
                    }
                default:
                    {
                        var get = cursor.GetGetter<ulong>(column);
                        ulong value = 0;
                        return (ref uint dst) => { get(ref value); dst = value > uint.MaxValue ? 0 : (uint)value; };
                    }
            }
        }
    }
}
