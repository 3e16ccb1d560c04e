using HideAndSeek.DataViews;
using HideAndSeek.ModelFormat;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.CamLocalization;

/// <summary>
/// Class activation mapping on top of a fitted GAP classifier: adds, per image, the heatmap of the selected class
/// (H x W in [0, 1]), the predicted box, the class the heatmap belongs to, and optionally the ground-truth class's
/// heatmap and the top-k classes' heatmaps that localisation metrics read. The classifier's forward pass is reused;
/// every output is computed only when read. Saved with its settings in the same zip as the classifier. (Named for what
/// it is rather than ML.NET's "*Transformer" pattern: the name is the public contract the design fixed.)
/// <see cref="Dispose"/> releases it (disposing the fitted <c>TransformerChain</c> does); it does not dispose the
/// classifier.
/// </summary>
public sealed class CamLocalizer : ITransformer, IDisposable
{
    internal const string ComponentName = "CamLocalizer";
    private readonly TransformerChain<ITransformer> _chain;
    private readonly CamLocalizerOptions _options;
    private readonly ModelLease _lease;

    internal CamLocalizer(CamLocalizerRuntime runtime, CamLocalizerOptions options, TransformerChain<ITransformer>? chain, DataViewSchema? schema)
        : this(runtime.TryLease() ?? throw runtime.Disposed(), options, chain, schema)
    {
        ModelRegistry.Register(runtime);
    }

    private CamLocalizer(ModelLease lease, CamLocalizerOptions options, TransformerChain<ITransformer>? chain, DataViewSchema? schema)
    {
        _lease = lease;
        Runtime = ModelRegistry.Cast<CamLocalizerRuntime>(lease.Runtime);
        _options = options.Clone();
        _chain = chain ?? BuildChain(schema!);
    }

    /// <summary>A copy of the options the localiser was created with (changing it does not change the localiser).</summary>
    public CamLocalizerOptions Options => _options.Clone();

    /// <summary>Whether the ground-truth heatmap column is produced (the label column was present at fitting).</summary>
    public bool ProducesGroundTruthHeatmap => Runtime.Description.GroundTruthHeatmap;

    /// <summary>Heatmap height (the classifier's input height).</summary>
    public int ImageHeight => Runtime.Description.ImageHeight;

    /// <summary>Heatmap width.</summary>
    public int ImageWidth => Runtime.Description.ImageWidth;

    /// <summary>Class names in key order.</summary>
    public IReadOnlyList<string> ClassNames => Runtime.Description.ClassNames;

    internal CamLocalizerRuntime Runtime { get; }

    /// <summary>Always true.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The schema after localisation.</summary>
    /// <exception cref="ObjectDisposedException">The localiser was disposed.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ThrowIfDisposed();
        CheckInput(inputSchema);
        return _chain.GetOutputSchema(inputSchema);
    }

    /// <summary>
    /// Adds the localisation columns lazily, each row computed once when first read (cursor sets in parallel); the
    /// results are bit-identical to a PredictionEngine's and a loaded zip's, which run the saved chain row by row.
    /// </summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new CamLocalizerDataView(input, GetOutputSchema(input.Schema), Runtime, _options, AddedColumns(input.Schema));
    }

    /// <summary>A row-by-row mapper (PredictionEngine); thread-safe.</summary>
    /// <exception cref="ObjectDisposedException">The localiser was disposed.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ThrowIfDisposed();
        CheckInput(inputSchema);
        return ((ITransformer)_chain).GetRowToRowMapper(inputSchema);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        ThrowIfDisposed();
        ((ICanSaveModel)_chain).Save(ctx);
    }

    /// <summary>
    /// Releases the localiser; using it afterwards, or a PredictionEngine made from it, throws
    /// <see cref="ObjectDisposedException"/>. Disposing twice does nothing.
    /// </summary>
    public void Dispose() => _lease.Dispose();

    internal static CamLocalizer Restore(ModelPayload payload, SurrogateReader.Found found)
    {
        var lease = ModelRegistry.Lease(found.ModelId, found.Payload, bytes => CamLocalizerRuntime.Deserialize(bytes, found.ModelId));
        var options = payload.GetJson<CamLocalizerOptions>("options");
        return new CamLocalizer(lease, options, found.Chain, schema: null);
    }

    private void ThrowIfDisposed()
    {
        if (_lease.IsDisposed)
            throw Runtime.Disposed();
    }

    private void CheckInput(DataViewSchema schema)
    {
        var d = Runtime.Description;
        CheckVector(schema, _options.FeatureMapColumnName, Runtime.FeatureLength, $"the classifier's feature map ({d.Channels} x {d.FeatureHeight} x {d.FeatureWidth})");
        CheckVector(schema, _options.ScoreColumnName, d.ClassNames.Length, $"the classifier's {d.ClassNames.Length} class probabilities");
        if (d.MultiCrop)
            CheckVector(schema, _options.PixelColumnName, 3 * d.ImageHeight * d.ImageWidth, $"3 x {d.ImageHeight} x {d.ImageWidth} pixels for the multi-crop test");
        if (schema.GetColumnOrNull(_options.PhotoGeometryColumnName) is not null)
            CheckVector(schema, _options.PhotoGeometryColumnName, 3, "the photo's geometry (width, height, resizing code)");
        if (UsesLabel)
        {
            var label = schema.GetColumnOrNull(_options.LabelColumnName!)
                ?? throw new ArgumentOutOfRangeException(nameof(schema),
                    $"{ComponentName}: label column '{_options.LabelColumnName}' not found; the localiser was fitted with it. " +
                    "Fit it with LabelColumnName = null to localise unlabelled images.");
            if (label.Type is not KeyDataViewType key || key.Count != (ulong)d.ClassNames.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(schema),
                    $"{ComponentName}: label column '{_options.LabelColumnName}' has type {label.Type}; expected a key of the classifier's {d.ClassNames.Length} classes.");
            }
        }
    }

    private bool UsesLabel => Runtime.UsesLabel;

    /// <summary>The columns the localiser adds to <paramref name="input"/>, in output order.</summary>
    private IReadOnlyList<OutputColumn> AddedColumns(DataViewSchema input) =>
        CamLocalizerOutputs.Columns.Resolve(Runtime.Description, _options, name => input.GetColumnOrNull(name) is not null);

    private static void CheckVector(DataViewSchema schema, string column, int length, string what)
    {
        var col = schema.GetColumnOrNull(column)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"{ComponentName}: input column '{column}' not found; expected {what}.");
        if (col.Type is not VectorDataViewType { ItemType: NumberDataViewType } vector || vector.ItemType != NumberDataViewType.Single || vector.Size != length)
            throw new ArgumentOutOfRangeException(nameof(schema), $"{ComponentName}: column '{column}' has type {col.Type}; expected {what}: Vector<Single, {length}>.");
    }

    private TransformerChain<ITransformer> BuildChain(DataViewSchema schema)
    {
        var ml = SharedContext.Instance;
        var d = Runtime.Description;
        var payload = Runtime.CreatePayload().SetText("options", ModelJson.Serialize(_options));
        var builder = new SurrogateChainBuilder(ml, schema);
        builder.AddPayload(Runtime.ModelId, payload.ToBytes());
        builder.CopyInput(_options.FeatureMapColumnName, SurrogateColumns.InputFeatureMap);
        builder.CopyInput(_options.ScoreColumnName, SurrogateColumns.InputScores);
        if (UsesLabel)
        {
            builder.CopyInput(_options.LabelColumnName!, SurrogateColumns.InputLabel);
        }
        else
        {
            // No label: a key column that is always missing (the model id never equals the one key value "").
            var keys = ml.Data.LoadFromEnumerable(new[] { new KeyText { Value = "" } });
            builder.Append(ml.Transforms.Conversion.MapValueToKey(SurrogateColumns.InputLabel, SurrogateColumns.ModelId, keyData: keys));
        }
        if (d.MultiCrop)
            builder.CopyInput(_options.PixelColumnName, SurrogateColumns.InputPixels);
        else
            builder.Copy(SurrogateColumns.InputPixels, SurrogateColumns.InputScores);

        int tier = builder.AddPackedMapping(CamLocalizerRuntime.MappingFamily, Runtime.Packing.Length, _lease);
        builder.AddOutputs(tier, AddedColumns(schema), d.ClassNames, CamLocalizerOutputs.Columns.Order);
        return builder.Build();
    }

    private sealed class KeyText
    {
        public string Value { get; set; } = "";
    }
}
