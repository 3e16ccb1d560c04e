using System.Text.Json;
using HideAndSeek.Imaging;
using HideAndSeek.Persistence;
using HideAndSeek.Pipelines;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Hiding;

/// <summary>
/// The fitted Hide-and-Seek step. It hides patches only in the training pass of the pipeline that fitted it (or when
/// asked explicitly with <see cref="TransformForTraining"/>); scoring, PredictionEngines and models loaded from a zip
/// never hide. Saved into ordinary ML.NET zips with its options and fitted fill value.
/// </summary>
public sealed class ImageHidingTransformer : ITransformer
{
    internal const string PayloadKind = "ImageHiding";
    internal const int PayloadVersion = 1;

    private readonly HidePatchesOptions _options;
    private readonly PixelColumnShape _shape;
    private readonly PatchHider _hider;
    private readonly TransformerChain<ITransformer> _scoring;
    private readonly TrainingPass _trainingPass;

    internal ImageHidingTransformer(HidePatchesOptions options, PixelColumnShape shape, int[] patchSizes, float[] fill, int seed, IDataView trainingInput)
        : this(options, shape, patchSizes, fill, seed, Guid.NewGuid().ToString("N"), scoring: null, trainingInput)
    {
    }

    private ImageHidingTransformer(HidePatchesOptions options, PixelColumnShape shape, int[] patchSizes, float[] fill, int seed,
        string modelId, TransformerChain<ITransformer>? scoring, IDataView? trainingInput)
    {
        _options = options.Clone();
        _shape = shape;
        PatchSizes = patchSizes;
        FillValue = fill;
        Seed = seed;
        ModelId = modelId;
        _hider = new PatchHider(shape.Channels, shape.Height, shape.Width, patchSizes, options.HideProbability, fill, seed);
        _trainingPass = new TrainingPass(trainingInput);
        _scoring = scoring ?? BuildScoringChain(trainingInput!.Schema);
    }

    /// <summary>Rebuilds the transformer from the payload of a loaded zip; its scoring chain is the loaded one.</summary>
    internal static ImageHidingTransformer Restore(ModelPayload payload, TransformerChain<ITransformer> scoring)
    {
        var record = JsonSerializer.Deserialize<HidingRecord>(payload.GetText("options"))
            ?? throw new InvalidDataException("The hiding step's options in the model zip are empty.");
        var options = new HidePatchesOptions
        {
            OutputColumnName = record.OutputColumnName,
            InputColumnName = record.InputColumnName,
            PatchSizes = record.PatchSizes,
            PatchCounts = record.PatchCounts,
            HideProbability = record.HideProbability,
            Fill = record.Fill,
            FillValue = record.Fill == HidingFill.Constant ? record.FillValue : null,
            Seed = record.Seed,
            Channels = record.Channels,
            ImageSize = record.KnownSize ? null : (record.Height, record.Width),
        };
        var shape = new PixelColumnShape(record.Channels, record.Height, record.Width, record.KnownSize);
        return new ImageHidingTransformer(options, shape, record.PatchSizes, record.FillValue, record.Seed, modelId: "", scoring, trainingInput: null);
    }

    /// <summary>The options the estimator was created with.</summary>
    public HidePatchesOptions Options => _options.Clone();

    /// <summary>Patch sides in pixels that are drawn from (0 = no hiding), after resolving patch counts.</summary>
    public IReadOnlyList<int> PatchSizes { get; }

    /// <summary>The value each channel of a hidden pixel receives (the fitted mean pixel by default).</summary>
    public IReadOnlyList<float> FillValue { get; }

    /// <summary>The seed of the masks.</summary>
    public int Seed { get; }

    /// <summary>Image height the transformer was fitted for.</summary>
    public int ImageHeight => _shape.Height;

    /// <summary>Image width the transformer was fitted for.</summary>
    public int ImageWidth => _shape.Width;

    /// <summary>Channels of the pixel column.</summary>
    public int Channels => _shape.Channels;

    internal string ModelId { get; }

    internal PatchHider Hider => _hider;

    private string InputColumn => _options.InputColumnName ?? _options.OutputColumnName;

    /// <summary>Always true: scoring is a row-to-row identity (or copy) of the pixels.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The schema after this step.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        PixelColumnShape.Resolve(inputSchema, InputColumn, ImageHidingEstimator.ComponentName, _options.ImageSize, _options.Channels);
        return _scoring.GetOutputSchema(inputSchema);
    }

    /// <summary>
    /// For the data this transformer was fitted on (the pipeline's hand-off to the next estimator), a view whose images
    /// are hidden while a trainer reads them in a training epoch (GapClassifier does); for any other data, and for any
    /// other reader, the pixels untouched.
    /// </summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _trainingPass.IsTrainingInput(input) ? TrainingView(input, onlyInTrainingEpoch: true) : _scoring.Transform(input);
    }

    /// <summary>
    /// Returns a view of <paramref name="input"/> whose images are always hidden: each cursor (epoch) draws new masks,
    /// which depend only on the seed, the epoch and the row id. Use it to feed any trainer, or to look at what hiding
    /// does.
    /// </summary>
    public IDataView TransformForTraining(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TrainingView(input, onlyInTrainingEpoch: false);
    }

    private IDataView TrainingView(IDataView input, bool onlyInTrainingEpoch)
    {
        var shape = PixelColumnShape.Resolve(input.Schema, InputColumn, ImageHidingEstimator.ComponentName, _options.ImageSize, _options.Channels);
        if (shape.Channels != _shape.Channels || shape.Height != _shape.Height || shape.Width != _shape.Width)
        {
            throw new ArgumentOutOfRangeException(nameof(input),
                $"{ImageHidingEstimator.ComponentName} was fitted on {_shape.Channels} x {_shape.Height} x {_shape.Width} images, " +
                $"column '{InputColumn}' holds {shape.Channels} x {shape.Height} x {shape.Width}.");
        }
        return new TrainingPixelDataView(input, _hider, shape, InputColumn, _options.OutputColumnName, ImageHidingEstimator.ComponentName, onlyInTrainingEpoch);
    }

    /// <summary>A row mapper that never hides (what a PredictionEngine uses).</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => ((ITransformer)_scoring).GetRowToRowMapper(inputSchema);

    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_scoring).Save(ctx);

    private TransformerChain<ITransformer> BuildScoringChain(DataViewSchema inputSchema)
    {
        var builder = new SurrogateChainBuilder(SharedContext.Instance, inputSchema);
        builder.AddPayload(ModelId, CreatePayload().ToBytes());
        if (InputColumn != _options.OutputColumnName)
            builder.Copy(_options.OutputColumnName, InputColumn);
        return builder.Build();
    }

    private ModelPayload CreatePayload()
    {
        var record = new HidingRecord(_options.OutputColumnName, _options.InputColumnName, PatchSizes.ToArray(),
            _options.PatchCounts?.ToArray(), _options.HideProbability, _options.Fill, FillValue.ToArray(), Seed,
            _shape.Channels, _shape.Height, _shape.Width, _shape.KnownSize);
        return new ModelPayload(PayloadKind, PayloadVersion).SetText("options", JsonSerializer.Serialize(record));
    }

    /// <summary>What the zip stores about a hiding step (it has no effect at scoring; kept for provenance).</summary>
    internal sealed record HidingRecord(string OutputColumnName, string? InputColumnName, int[] PatchSizes, int[]? PatchCounts,
        double HideProbability, HidingFill Fill, float[] FillValue, int Seed, int Channels, int Height, int Width, bool KnownSize);
}
