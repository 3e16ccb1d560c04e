using System.Text.Json;
using HideAndSeek.Imaging;
using HideAndSeek.Persistence;
using HideAndSeek.Pipelines;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Augmentation;

/// <summary>
/// The fitted augmentation step. It augments images only in the training pass of the pipeline that fitted it (or when
/// asked explicitly with <see cref="TransformForTraining"/>); scoring, PredictionEngines and models loaded from a zip
/// never augment. Saved into ordinary ML.NET zips with its options and fitted fill value.
/// </summary>
public sealed class ImageAugmentationTransformer : ITransformer
{
    internal const string PayloadKind = "ImageAugmentation";
    internal const int PayloadVersion = 1;

    private readonly ImageAugmentationOptions _options;
    private readonly PixelColumnShape _shape;
    private readonly SeedAugmenter _augmenter;
    private readonly TransformerChain<ITransformer> _scoring;
    private readonly TrainingPass _trainingPass;

    internal ImageAugmentationTransformer(ImageAugmentationOptions options, PixelColumnShape shape, float[] fill, int seed, IDataView trainingInput)
        : this(options, shape, fill, seed, Guid.NewGuid().ToString("N"), scoring: null, trainingInput)
    {
    }

    private ImageAugmentationTransformer(ImageAugmentationOptions options, PixelColumnShape shape, float[] fill, int seed,
        string modelId, TransformerChain<ITransformer>? scoring, IDataView? trainingInput)
    {
        _options = options.Clone();
        _shape = shape;
        FillValue = fill.ToArray();
        Seed = seed;
        ModelId = modelId;
        _augmenter = new SeedAugmenter(shape, _options, fill, seed);
        _trainingPass = new TrainingPass(trainingInput);
        _scoring = scoring ?? BuildScoringChain(trainingInput!.Schema);
    }

    /// <summary>Rebuilds the transformer from the payload of a loaded zip; its scoring chain is the loaded one.</summary>
    internal static ImageAugmentationTransformer Restore(ModelPayload payload, TransformerChain<ITransformer> scoring)
    {
        var record = JsonSerializer.Deserialize<AugmentationRecord>(payload.GetText("options"))
            ?? throw new InvalidDataException("The augmentation step's options in the model zip are empty.");
        var options = new ImageAugmentationOptions
        {
            OutputColumnName = record.OutputColumnName,
            InputColumnName = record.InputColumnName,
            FlipHorizontalProbability = record.FlipHorizontalProbability,
            FlipVerticalProbability = record.FlipVerticalProbability,
            RotateProbability = record.RotateProbability,
            MaxRotationDegrees = record.MaxRotationDegrees,
            TranslateProbability = record.TranslateProbability,
            MaxTranslationFraction = record.MaxTranslationFraction,
            CoarseProbability = record.CoarseProbability,
            CoarseOperations = record.CoarseOperations,
            CoarseCellProbability = record.CoarseCellProbability,
            CoarseMinSizeFraction = record.CoarseMinSizeFraction,
            CoarseMaxSizeFraction = record.CoarseMaxSizeFraction,
            CoarseMinCells = record.CoarseMinCells,
            CoarseReplacement = record.CoarseReplacement,
            Fill = record.Fill,
            FillValue = record.Fill == AugmentationFill.Constant ? record.FillValue : null,
            MaxRowsForMean = record.MaxRowsForMean,
            Seed = record.OptionSeed,
            Channels = record.OptionChannels,
            ImageSize = record.ImageSize is [var height, var width] ? (height, width) : null,
        };
        ImageAugmentationEstimator.Validate(options);
        var shape = new PixelColumnShape(record.Channels, record.Height, record.Width, record.KnownSize);
        return new ImageAugmentationTransformer(options, shape, record.FillValue, record.Seed, modelId: "", scoring, trainingInput: null);
    }

    /// <summary>The options the estimator was created with.</summary>
    public ImageAugmentationOptions Options => _options.Clone();

    /// <summary>The value each channel of a pixel uncovered by rotation or translation receives (zero by default).</summary>
    public IReadOnlyList<float> FillValue { get; }

    /// <summary>The seed of the draws.</summary>
    public int Seed { get; }

    /// <summary>Image height the transformer was fitted for.</summary>
    public int ImageHeight => _shape.Height;

    /// <summary>Image width the transformer was fitted for.</summary>
    public int ImageWidth => _shape.Width;

    /// <summary>Channels of the pixel column.</summary>
    public int Channels => _shape.Channels;

    /// <summary>Always true: scoring is a row-to-row identity (or copy) of the pixels.</summary>
    public bool IsRowToRowMapper => true;

    internal string ModelId { get; }

    internal SeedAugmenter Augmenter => _augmenter;

    private string InputColumn => _options.InputColumnName ?? _options.OutputColumnName;

    /// <summary>The schema after this step.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        PixelColumnShape.Resolve(inputSchema, InputColumn, ImageAugmentationEstimator.ComponentName, _options.ImageSize, _options.Channels);
        return _scoring.GetOutputSchema(inputSchema);
    }

    /// <summary>
    /// Augments images when <paramref name="input"/> is the data this transformer was fitted on and a pipeline passes it
    /// to the next estimator (once); returns the pixels untouched for any other data.
    /// </summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _trainingPass.TryConsume(input) ? TransformForTraining(input) : _scoring.Transform(input);
    }

    /// <summary>
    /// Returns a view of <paramref name="input"/> whose images are augmented: each cursor (epoch) draws anew, and the
    /// draws depend only on the seed, the epoch and the row id. Use it to feed a trainer outside an estimator chain or
    /// to look at what augmentation does.
    /// </summary>
    public IDataView TransformForTraining(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = PixelColumnShape.Resolve(input.Schema, InputColumn, ImageAugmentationEstimator.ComponentName, _options.ImageSize, _options.Channels);
        if (shape.Channels != _shape.Channels || shape.Height != _shape.Height || shape.Width != _shape.Width)
        {
            throw new ArgumentOutOfRangeException(nameof(input),
                $"{ImageAugmentationEstimator.ComponentName} was fitted on {_shape.Channels} x {_shape.Height} x {_shape.Width} images, " +
                $"column '{InputColumn}' holds {shape.Channels} x {shape.Height} x {shape.Width}.");
        }
        return new TrainingPixelDataView(input, _augmenter, shape, InputColumn, _options.OutputColumnName, ImageAugmentationEstimator.ComponentName);
    }

    /// <summary>A row mapper that never augments (what a PredictionEngine uses).</summary>
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
        var o = _options;
        var record = new AugmentationRecord(o.OutputColumnName, o.InputColumnName,
            o.FlipHorizontalProbability, o.FlipVerticalProbability, o.RotateProbability, o.MaxRotationDegrees,
            o.TranslateProbability, o.MaxTranslationFraction, o.CoarseProbability, o.CoarseOperations.ToArray(),
            o.CoarseCellProbability, o.CoarseMinSizeFraction, o.CoarseMaxSizeFraction, o.CoarseMinCells, o.CoarseReplacement,
            o.Fill, FillValue.ToArray(), o.MaxRowsForMean, o.Seed, Seed, o.ImageSize is { } size ? new[] { size.Height, size.Width } : null,
            o.Channels, _shape.Channels, _shape.Height, _shape.Width, _shape.KnownSize);
        return new ModelPayload(PayloadKind, PayloadVersion).SetText("options", JsonSerializer.Serialize(record));
    }

    /// <summary>What the zip stores about an augmentation step (it has no effect at scoring; kept for provenance and replay).</summary>
    internal sealed record AugmentationRecord(string OutputColumnName, string? InputColumnName,
        double FlipHorizontalProbability, double FlipVerticalProbability, double RotateProbability, double MaxRotationDegrees,
        double TranslateProbability, double MaxTranslationFraction, double CoarseProbability, CoarseOperation[] CoarseOperations,
        double CoarseCellProbability, double CoarseMinSizeFraction, double CoarseMaxSizeFraction, int CoarseMinCells,
        CoarseReplacement CoarseReplacement, AugmentationFill Fill, float[] FillValue, int? MaxRowsForMean, int? OptionSeed, int Seed,
        int[]? ImageSize, int OptionChannels, int Channels, int Height, int Width, bool KnownSize);
}
