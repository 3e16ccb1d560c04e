using HideAndSeek.Pipelines;
using HideAndSeek.TrainingOnly;
using Microsoft.ML;

namespace HideAndSeek.Augmentation;

/// <summary>
/// The seed project's data augmentation as a pipeline step: during training, every image is flipped, rotated,
/// translated and (preset 2) coarsely dropped out or salted at random, anew every epoch; scoring never augments.
/// Create it with <c>ml.Transforms.AugmentImages(...)</c>.
/// </summary>
/// <remarks>
/// <see cref="Fit"/> checks the pixel column, computes the fill value (the dataset mean pixel when asked for) and returns
/// a transformer whose output changes images only while a trainer reads it in a training epoch (GapClassifier does;
/// for other trainers use <see cref="TrainingOnlyPixelTransformer.TransformForTraining"/>). Every other use —
/// <c>model.Transform(data)</c>, a PredictionEngine, a model loaded from a zip — leaves pixels untouched. Do not put a
/// cache checkpoint between this step and the trainer: the cache would freeze one epoch's augmentations.
/// </remarks>
public sealed class ImageAugmentationEstimator : IEstimator<ImageAugmentationTransformer>
{
    internal const string ComponentName = "AugmentImages";
    private readonly ImageAugmentationOptions _options;

    internal ImageAugmentationEstimator(ImageAugmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        _options = options.Clone();
    }

    private string InputColumn => _options.InputColumnName ?? _options.OutputColumnName;

    /// <summary>Checks the pixel column, computes the fill value and returns the fitted transformer.</summary>
    public ImageAugmentationTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = PixelColumnShape.Resolve(input.Schema, InputColumn, ComponentName, _options.ImageSize, _options.Channels);
        float[] fill = _options.Fill switch
        {
            AugmentationFill.Zero => new float[shape.Channels],
            AugmentationFill.Constant => FillValues.Constant(_options.FillValue!, shape.Channels),
            _ => FillValues.DatasetMean(input, InputColumn, shape, _options.MaxRowsForMean, ComponentName),
        };
        return new ImageAugmentationTransformer(_options, shape, fill, _options.Seed ?? 0, input);
    }

    /// <summary>The schema after this step: the output column has the input column's type.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        PixelColumnShape.SameShapeOutput(inputSchema, InputColumn, _options.OutputColumnName, ComponentName);


    internal static void Validate(ImageAugmentationOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.OutputColumnName))
            throw new ArgumentException("OutputColumnName must be a column name.", nameof(options));
        CheckProbability(options.FlipHorizontalProbability, nameof(options.FlipHorizontalProbability));
        CheckProbability(options.FlipVerticalProbability, nameof(options.FlipVerticalProbability));
        CheckProbability(options.RotateProbability, nameof(options.RotateProbability));
        CheckProbability(options.TranslateProbability, nameof(options.TranslateProbability));
        CheckProbability(options.CoarseProbability, nameof(options.CoarseProbability));
        CheckProbability(options.CoarseCellProbability, nameof(options.CoarseCellProbability));
        if (!double.IsFinite(options.MaxRotationDegrees) || options.MaxRotationDegrees < 0)
            throw new ArgumentOutOfRangeException(nameof(options), $"MaxRotationDegrees must be a finite angle >= 0, got {options.MaxRotationDegrees}.");
        if (!(options.MaxTranslationFraction >= 0 && options.MaxTranslationFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), $"MaxTranslationFraction must be in [0, 1], got {options.MaxTranslationFraction}.");
        if (!(options.CoarseMinSizeFraction > 0 && options.CoarseMinSizeFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), $"CoarseMinSizeFraction must be in (0, 1], got {options.CoarseMinSizeFraction}.");
        if (!(options.CoarseMaxSizeFraction >= options.CoarseMinSizeFraction && options.CoarseMaxSizeFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"CoarseMaxSizeFraction must be in [CoarseMinSizeFraction, 1] = [{options.CoarseMinSizeFraction}, 1], got {options.CoarseMaxSizeFraction}.");
        }
        if (options.CoarseMinCells < 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"CoarseMinCells must be at least 1, got {options.CoarseMinCells}.");
        if (options.CoarseOperations is null || options.CoarseOperations.Count == 0)
            throw new ArgumentException("CoarseOperations must name at least one operation.", nameof(options));
        foreach (var operation in options.CoarseOperations)
        {
            if (!Enum.IsDefined(operation))
                throw new ArgumentOutOfRangeException(nameof(options), $"CoarseOperations holds an unknown operation {(int)operation}.");
        }
        if (!Enum.IsDefined(options.CoarseReplacement))
            throw new ArgumentOutOfRangeException(nameof(options), $"CoarseReplacement {(int)options.CoarseReplacement} is not defined.");
        if (!Enum.IsDefined(options.Fill))
            throw new ArgumentOutOfRangeException(nameof(options), $"Fill {(int)options.Fill} is not defined.");
        if (options.Fill == AugmentationFill.Constant && (options.FillValue is null || options.FillValue.Count == 0))
            throw new ArgumentException("Fill = Constant needs FillValue (one value, or one per channel).", nameof(options));
        if (options.MaxRowsForMean is <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), "MaxRowsForMean must be positive when set.");
    }

    private static void CheckProbability(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
            throw new ArgumentOutOfRangeException("options", $"{name} must be in [0, 1], got {value}.");
    }
}
