using HideAndSeek.DataViews;
using HideAndSeek.Networks;
using HideAndSeek.PixelColumns;
using Microsoft.ML;

namespace HideAndSeek.GapClassifier;

/// <summary>
/// Trains one of the seed's GAP/GMP networks with TorchSharp on an IDataView of pixels and key labels and returns an
/// ML.NET prediction transformer. Create it with <c>ml.MulticlassClassification.Trainers.GapClassifier(...)</c>.
/// </summary>
/// <remarks>
/// Each epoch reads the data once in a full random permutation (from the data's own shuffling when it supports it),
/// with mini-batches assembled on a background thread; momentum SGD with the seed's learning-rate decay and L2 on
/// weights; a checkpoint per epoch, from which an interrupted run resumes to the same result. On the CPU, a run is
/// repeatable for a given <see cref="GapClassifierOptions.Seed"/>.
/// </remarks>
public sealed class GapClassifierTrainer : IEstimator<GapClassifierTransformer>
{
    private const string Component = GapClassifierTransformer.ComponentName;
    private readonly GapClassifierOptions _options;

    internal GapClassifierTrainer(GapClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        _options = options.Clone();
    }

    /// <summary>Trains on <paramref name="input"/>, reporting on <see cref="GapClassifierOptions.ValidationSet"/> if set.</summary>
    public GapClassifierTransformer Fit(IDataView input) => Fit(input, _options.ValidationSet);

    /// <summary>Trains on <paramref name="trainData"/>, reporting loss and accuracy on <paramref name="validationData"/> after every epoch.</summary>
    public GapClassifierTransformer Fit(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var session = new TrainingSession(_options, trainData, validationData);
        return session.Run();
    }

    /// <summary>The schema after the fitted transformer: adds Score, PredictedLabel and the CAM feature map.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        PixelColumnShape.Check(inputSchema, _options.FeatureColumnName, Component);
        var label = inputSchema.FirstOrDefault(c => c.Name == _options.LabelColumnName);
        if (label.Name is null)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"{Component}: label column '{_options.LabelColumnName}' not found.");
        if (!label.IsKey || label.Kind != SchemaShape.Column.VectorKind.Scalar)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"{Component}: label column '{_options.LabelColumnName}' must be a key; convert it with MapValueToKey.");
        }
        return OutputShapes.Add(inputSchema, _options.ScoreColumnName, _options.PredictedLabelColumnName, _options.FeatureMapColumnName);
    }

    internal static void Validate(GapClassifierOptions o)
    {
        static void Positive(int value, string name)
        {
            if (value <= 0)
                throw new ArgumentOutOfRangeException(name, $"{name} must be positive, got {value}.");
        }
        Positive(o.MaxEpochs, nameof(o.MaxEpochs));
        Positive(o.BatchSize, nameof(o.BatchSize));
        Positive(o.ScoringBatchSize, nameof(o.ScoringBatchSize));
        Positive(o.PrefetchBatches, nameof(o.PrefetchBatches));
        Positive(o.KeepCheckpoints, nameof(o.KeepCheckpoints));
        if (!(o.LearningRate > 0) || !(o.MinLearningRate >= 0) || o.MinLearningRate > o.LearningRate)
            throw new ArgumentOutOfRangeException(nameof(o.LearningRate), "Need LearningRate > 0 and 0 <= MinLearningRate <= LearningRate.");
        if (!(o.Momentum >= 0 && o.Momentum < 1))
            throw new ArgumentOutOfRangeException(nameof(o.Momentum), "Momentum must be in [0, 1).");
        if (o.WeightDecay is < 0)
            throw new ArgumentOutOfRangeException(nameof(o.WeightDecay), "WeightDecay must be >= 0.");
        if (!(o.LabelSmoothing >= 0 && o.LabelSmoothing < 1))
            throw new ArgumentOutOfRangeException(nameof(o.LabelSmoothing), "LabelSmoothing must be in [0, 1).");
        if (!(o.WidthMultiplier > 0))
            throw new ArgumentOutOfRangeException(nameof(o.WidthMultiplier), "WidthMultiplier must be positive.");
        if (o.EarlyStoppingPatience is <= 0)
            throw new ArgumentOutOfRangeException(nameof(o.EarlyStoppingPatience), "EarlyStoppingPatience must be positive when set.");
        if (o.LogInterval < 0)
            throw new ArgumentOutOfRangeException(nameof(o.LogInterval), "LogInterval must be >= 0.");
        if (o.BackboneLearningRateMultiplier is double m && !(m >= 0 && double.IsFinite(m)))
            throw new ArgumentOutOfRangeException(nameof(o.BackboneLearningRateMultiplier), "BackboneLearningRateMultiplier must be >= 0.");
        if (o.Architecture != GapArchitecture.ResNet18 && (o.ResizedImageSize is not null || o.HighResolutionCam))
            throw new ArgumentException("ResizedImageSize and HighResolutionCam apply to ResNet18 only.", nameof(o.ResizedImageSize));
        if (!Enum.IsDefined(o.Precision))
            throw new ArgumentOutOfRangeException(nameof(o.Precision), $"Precision must be Float32 or BFloat16, got {(int)o.Precision}.");
        if (o.MeanPixel is { Count: not 3 })
            throw new ArgumentException("MeanPixel needs three values (R, G, B).", nameof(o.MeanPixel));
        foreach (var (name, value) in new[] { ("FeatureColumnName", o.FeatureColumnName), ("LabelColumnName", o.LabelColumnName),
            ("ScoreColumnName", o.ScoreColumnName), ("PredictedLabelColumnName", o.PredictedLabelColumnName), ("FeatureMapColumnName", o.FeatureMapColumnName) })
        {
            if (string.IsNullOrWhiteSpace(value))
                throw new ArgumentException($"{name} must be a column name.", name);
        }
    }
}
