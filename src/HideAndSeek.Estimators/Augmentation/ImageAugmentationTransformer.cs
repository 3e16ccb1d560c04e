using HideAndSeek.ModelFormat;
using HideAndSeek.PixelColumns;
using HideAndSeek.TrainingOnly;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Augmentation;

/// <summary>
/// The fitted augmentation step (the seed's augmentation 1 and 2). It augments images only while a trainer reads its
/// output in a training epoch (or when asked explicitly with
/// <see cref="TrainingOnlyPixelTransformer.TransformForTraining"/>); scoring, PredictionEngines and models loaded from
/// a zip never augment. Saved into ordinary ML.NET zips with its options and fitted fill value.
/// </summary>
public sealed class ImageAugmentationTransformer : TrainingOnlyPixelTransformer
{
    internal const string PayloadKind = "ImageAugmentation";
    internal const int PayloadVersion = 1;

    private readonly ImageAugmentationOptions _options;
    private readonly SeedAugmenter _augmenter;

    internal ImageAugmentationTransformer(ImageAugmentationOptions options, PixelColumnShape shape, float[] fill, int seed, IDataView trainingInput)
        : this(options, shape, fill, seed, Guid.NewGuid().ToString("N"), scoring: null, trainingInput.Schema)
    {
    }

    private ImageAugmentationTransformer(ImageAugmentationOptions options, PixelColumnShape shape, float[] fill, int seed,
        string modelId, TransformerChain<ITransformer>? scoring, DataViewSchema? trainingSchema)
        : base(ImageAugmentationEstimator.ComponentName, options, shape, modelId, scoring, trainingSchema)
    {
        _options = options.Clone();
        FillValue = fill.ToArray();
        Seed = seed;
        _augmenter = new SeedAugmenter(shape, _options, fill, seed);
    }
    /// <summary>Rebuilds the transformer from the payload of a loaded zip; its scoring chain is the loaded one.</summary>
    internal static ImageAugmentationTransformer Restore(ModelPayload payload, TransformerChain<ITransformer> scoring)
    {
        var record = payload.GetJson<AugmentationRecord>("options");
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
            Fill = ToPixelFill(record.Fill),
            FillValue = record.Fill == StoredFill.Constant ? record.FillValue : null,
            MaxRowsForMean = record.MaxRowsForMean,
            Seed = record.OptionSeed,
            Channels = record.OptionChannels,
            ImageSize = record.ImageSize is [var height, var width] ? (height, width) : null,
        };
        ImageAugmentationEstimator.Validate(options);
        var shape = new PixelColumnShape(record.Channels, record.Height, record.Width, record.KnownSize);
        return new ImageAugmentationTransformer(options, shape, record.FillValue, record.Seed, modelId: "", scoring, trainingSchema: null);
    }

    /// <summary>The options the estimator was created with.</summary>
    public ImageAugmentationOptions Options => _options.Clone();

    /// <summary>The value each channel of a pixel uncovered by rotation or translation receives (zero by default).</summary>
    public IReadOnlyList<float> FillValue { get; }

    /// <summary>The seed of the draws.</summary>
    public int Seed { get; }

    internal SeedAugmenter Augmenter => _augmenter;

    private protected override ITrainingPixelOperation Operation => _augmenter;

    private protected override ModelPayload CreatePayload()
    {
        var o = _options;
        var record = new AugmentationRecord(o.OutputColumnName, o.InputColumnName,
            o.FlipHorizontalProbability, o.FlipVerticalProbability, o.RotateProbability, o.MaxRotationDegrees,
            o.TranslateProbability, o.MaxTranslationFraction, o.CoarseProbability, o.CoarseOperations.ToArray(),
            o.CoarseCellProbability, o.CoarseMinSizeFraction, o.CoarseMaxSizeFraction, o.CoarseMinCells, o.CoarseReplacement,
            ToStored(o.Fill), FillValue.ToArray(), o.MaxRowsForMean, o.Seed, Seed, o.ImageSize is { } size ? new[] { size.Height, size.Width } : null,
            o.Channels, Shape.Channels, Shape.Height, Shape.Width, Shape.KnownSize);
        return new ModelPayload(PayloadKind, PayloadVersion).SetText("options", ModelJson.Serialize(record));
    }

    /// <summary>What the zip stores about an augmentation step (it has no effect at scoring; kept for provenance and replay).</summary>
    internal sealed record AugmentationRecord(string OutputColumnName, string? InputColumnName,
        double FlipHorizontalProbability, double FlipVerticalProbability, double RotateProbability, double MaxRotationDegrees,
        double TranslateProbability, double MaxTranslationFraction, double CoarseProbability, CoarseOperation[] CoarseOperations,
        double CoarseCellProbability, double CoarseMinSizeFraction, double CoarseMaxSizeFraction, int CoarseMinCells,
        CoarseReplacement CoarseReplacement, StoredFill Fill, float[] FillValue, int? MaxRowsForMean, int? OptionSeed, int Seed,
        int[]? ImageSize, int OptionChannels, int Channels, int Height, int Width, bool KnownSize);

    /// <summary>
    /// The fill as zips store it: the numbering of the augmentation's own fill enum from before the training-only
    /// steps shared <see cref="PixelFill"/> (whose order is hiding's), kept so that saved models read the same.
    /// </summary>
    internal enum StoredFill
    {
        Zero = 0,
        DatasetMean = 1,
        Constant = 2,
    }

    private static StoredFill ToStored(PixelFill fill) => fill switch
    {
        PixelFill.Zero => StoredFill.Zero,
        PixelFill.DatasetMean => StoredFill.DatasetMean,
        _ => StoredFill.Constant,
    };

    private static PixelFill ToPixelFill(StoredFill fill) => fill switch
    {
        StoredFill.Zero => PixelFill.Zero,
        StoredFill.DatasetMean => PixelFill.DatasetMean,
        StoredFill.Constant => PixelFill.Constant,
        _ => throw new InvalidDataException($"The augmentation step in the model zip has an unknown fill {(int)fill}."),
    };
}
