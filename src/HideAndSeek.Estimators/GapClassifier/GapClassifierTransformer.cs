using HideAndSeek.DataViews;
using HideAndSeek.ModelFormat;
using HideAndSeek.PixelColumns;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.GapClassifier;

/// <summary>
/// A trained GAP classifier as an ML.NET prediction transformer. Adds ML.NET's multiclass columns — Score (softmax
/// probabilities), PredictedLabel (a key with the training label's key values) — and the CAM feature map that
/// <c>LocalizeWithCam</c> reads. <see cref="Transform"/> scores in batches; PredictionEngines and models loaded from a
/// zip score row by row with bit-identical results. <see cref="Dispose"/> frees the network at once (disposing the
/// fitted <c>TransformerChain</c> disposes it); a transformer that is dropped instead is freed when collected.
/// </summary>
public sealed class GapClassifierTransformer : ISingleFeaturePredictionTransformer<GapClassifierModel>, IDisposable
{
    internal const string ComponentName = "GapClassifier";

    /// <summary>
    /// Annotation on the feature-map column naming this classifier's model id, so that a localiser fitted after it in
    /// the same process finds it.
    /// </summary>
    internal const string ModelIdAnnotation = "HideAndSeek.ClassifierModelId";

    private readonly GapClassifierRuntime _runtime;
    private readonly ModelLease _lease;
    private readonly ColumnNames _columns;
    private readonly int _scoringBatchSize;
    private readonly TransformerChain<ITransformer> _scoring;

    internal GapClassifierTransformer(GapClassifierRuntime runtime, IReadOnlyList<EpochReport> history, ColumnNames columns,
        int scoringBatchSize, DataViewSchema trainingSchema)
        : this(runtime.TryLease() ?? throw runtime.Disposed(), history, columns, scoringBatchSize, scoring: null, trainingSchema)
    {
        ModelRegistry.Register(runtime);
    }

    private GapClassifierTransformer(ModelLease lease, IReadOnlyList<EpochReport> history, ColumnNames columns,
        int scoringBatchSize, TransformerChain<ITransformer>? scoring, DataViewSchema? trainingSchema)
    {
        var runtime = ModelRegistry.Cast<GapClassifierRuntime>(lease.Runtime);
        _runtime = runtime;
        _lease = lease;
        _columns = columns;
        _scoringBatchSize = scoringBatchSize;
        Model = new GapClassifierModel(runtime, history);
        _scoring = scoring ?? BuildScoringChain(trainingSchema!);
        FeatureColumnType = new VectorDataViewType(NumberDataViewType.Single, 3, runtime.Description.Height, runtime.Description.Width);
    }

    /// <summary>The trained network and its training history.</summary>
    public GapClassifierModel Model { get; }

    /// <summary>The pixel column read (ML.NET's name for a predictor's input; not the CAM feature map).</summary>
    public string FeatureColumnName => _columns.Pixels;

    /// <summary>The pixel column's type: Vector&lt;Single, 3, H, W&gt;.</summary>
    public DataViewType FeatureColumnType { get; }

    /// <summary>The score column written.</summary>
    public string ScoreColumnName => _columns.Score;

    /// <summary>The predicted-label column written.</summary>
    public string PredictedLabelColumnName => _columns.PredictedLabel;

    /// <summary>The CAM feature map column written (C x h x w floats).</summary>
    public string FeatureMapColumnName => _columns.FeatureMap;

    /// <summary>Always true.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The runtime; throws <see cref="ObjectDisposedException"/> once the transformer is disposed.</summary>
    internal GapClassifierRuntime Runtime
    {
        get
        {
            ThrowIfDisposed();
            return _runtime;
        }
    }

    internal string ModelId => _runtime.ModelId;

    /// <summary>The schema after scoring: the input plus the score, predicted-label and feature-map columns.</summary>
    /// <exception cref="ObjectDisposedException">The transformer was disposed.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ThrowIfDisposed();
        CheckInput(inputSchema);
        var scored = _scoring.GetOutputSchema(inputSchema);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        foreach (var column in AddedColumns())
        {
            var chainColumn = scored[column.Name];
            var annotations = chainColumn.Annotations;
            if (column.Role == GapClassifierOutputs.FeatureMap)
            {
                // Names this classifier for a LocalizeWithCam fitted after it in the same process.
                // The id, not the runtime: a schema kept somewhere must not keep the network alive.
                var modelId = _runtime.ModelId;
                var id = new DataViewSchema.Annotations.Builder();
                id.Add(ModelIdAnnotation, TextDataViewType.Instance, (ref ReadOnlyMemory<char> value) => value = modelId.AsMemory());
                annotations = id.ToAnnotations();
            }
            builder.AddColumn(column.Name, chainColumn.Type, annotations);
        }
        return builder.ToSchema();
    }

    /// <summary>Scores <paramref name="input"/> lazily, running the network on batches of images.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new BatchedScoringDataView(input, GetOutputSchema(input.Schema), _runtime, _columns.Pixels, _scoringBatchSize, AddedColumns());
    }

    /// <summary>A row-by-row mapper (what a PredictionEngine uses); thread-safe.</summary>
    /// <exception cref="ObjectDisposedException">The transformer was disposed.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ThrowIfDisposed();
        CheckInput(inputSchema);
        return ((ITransformer)_scoring).GetRowToRowMapper(inputSchema);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        ThrowIfDisposed();
        ((ICanSaveModel)_scoring).Save(ctx);
    }

    /// <summary>
    /// Frees the network's native memory now, unless a copy of this model loaded from a zip in this process still
    /// uses it (then it is freed with that copy). Scoring afterwards, through this transformer or a PredictionEngine
    /// made from it, throws <see cref="ObjectDisposedException"/>. Disposing twice does nothing.
    /// </summary>
    public void Dispose() => _lease.Dispose();

    /// <summary>Rebuilds the transformer from a loaded zip; the loaded chain keeps serving row-by-row paths.</summary>
    internal static GapClassifierTransformer Restore(ModelPayload payload, SurrogateReader.Found found)
    {
        var lease = ModelRegistry.Lease(found.ModelId, found.Payload, bytes => GapClassifierRuntime.Deserialize(bytes, found.ModelId));
        var columns = payload.GetJson<ColumnNames>("columns");
        int batch = int.Parse(payload.GetText("scoringBatchSize"), System.Globalization.CultureInfo.InvariantCulture);
        return new GapClassifierTransformer(lease, Array.Empty<EpochReport>(), columns, batch, found.Chain, trainingSchema: null);
    }

    private void ThrowIfDisposed()
    {
        if (_lease.IsDisposed)
            throw _runtime.Disposed();
    }

    private void CheckInput(DataViewSchema schema)
    {
        var shape = PixelColumnShape.Resolve(schema, _columns.Pixels, ComponentName);
        var expected = _runtime.InputShape;
        if (shape.Channels != expected.Channels || shape.Height != expected.Height || shape.Width != expected.Width)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"{ComponentName}: the network was trained on {expected.Channels} x {expected.Height} x {expected.Width} images, " +
                $"column '{_columns.Pixels}' holds {shape.Channels} x {shape.Height} x {shape.Width}.");
        }
    }

    private TransformerChain<ITransformer> BuildScoringChain(DataViewSchema schema)
    {
        var builder = new SurrogateChainBuilder(SharedContext.Instance, schema);
        var payload = _runtime.CreatePayload()
            .SetText("columns", ModelJson.Serialize(_columns))
            .SetText("scoringBatchSize", _scoringBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.AddPayload(_runtime.ModelId, payload.ToBytes());
        builder.CopyInput(_columns.Pixels, SurrogateColumns.InputPixels);
        int tier = builder.AddPackedMapping(GapClassifierRuntime.MappingFamily, _runtime.Packing.Length, _lease);
        builder.AddOutputs(tier, AddedColumns(), _runtime.Description.ClassNames, GapClassifierOutputs.Columns.Order);
        return builder.Build();
    }

    /// <summary>The columns the classifier adds, in output order.</summary>
    private IReadOnlyList<OutputColumn> AddedColumns() => GapClassifierOutputs.Columns.Resolve(_runtime, _columns, hasInput: _ => false);

    /// <summary>The columns a classifier reads and writes.</summary>
    internal sealed record ColumnNames(string Pixels, string Score, string PredictedLabel, string FeatureMap);
}
