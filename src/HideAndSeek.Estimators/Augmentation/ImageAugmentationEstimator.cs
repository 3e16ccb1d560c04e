using HideAndSeek.PixelColumns;
using HideAndSeek.TrainingOnly;
using Microsoft.ML;

namespace HideAndSeek.Augmentation;

/// <summary>
/// The seed project's data augmentation as a pipeline step: during training, every image is flipped, rotated,
/// translated and (preset 2) coarsely dropped out or salted at random, anew every epoch; scoring never augments.
/// Create it with <c>ml.Transforms.AugmentImages(...)</c>.
/// </summary>
/// <remarks>
/// <c>Fit</c> checks the pixel column, computes the fill value (the dataset mean pixel when asked for) and returns
/// a transformer whose output changes images only while a trainer reads it in a training epoch (GapClassifier does;
/// for other trainers use <see cref="TrainingOnlyPixelTransformer.TransformForTraining"/>). Every other use —
/// <c>model.Transform(data)</c>, a PredictionEngine, a model loaded from a zip — leaves pixels untouched. Do not put a
/// cache checkpoint between this step and the trainer: the cache would freeze one epoch's augmentations.
/// </remarks>
public sealed class ImageAugmentationEstimator : TrainingOnlyPixelEstimator<ImageAugmentationTransformer>
{
    internal const string ComponentName = "AugmentImages";
    private readonly ImageAugmentationOptions _options;

    internal ImageAugmentationEstimator(ImageAugmentationOptions options)
        : base(ComponentName, Checked(options)) => _options = (ImageAugmentationOptions)SharedOptions;

    private protected override ImageAugmentationTransformer Create(IDataView input, PixelColumnShape shape, float[] fill) =>
        new(_options, shape, fill, _options.Seed ?? 0, input);

    private static ImageAugmentationOptions Checked(ImageAugmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        return options.Clone();
    }

    internal static void Validate(ImageAugmentationOptions options)
    {
        options.ValidateShared();
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
    }

    private static void CheckProbability(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
            throw new ArgumentOutOfRangeException("options", $"{name} must be in [0, 1], got {value}.");
    }
}
