using HideAndSeek.PixelColumns;
using HideAndSeek.TrainingOnly;
using Microsoft.ML;

namespace HideAndSeek.Hiding;

/// <summary>
/// Hide-and-Seek as a pipeline step: during training, every image has a grid of S x S patches each hidden with
/// probability p, anew every epoch; scoring never hides. Create it with <c>ml.Transforms.HidePatches(...)</c>.
/// </summary>
/// <remarks>
/// <c>Fit</c> computes the fill value (the dataset mean pixel by default) and returns a transformer that hides
/// images only while a trainer reads the data the step was fitted on in a training epoch (GapClassifier does; for
/// other trainers use <see cref="TrainingOnlyPixelTransformer.TransformForTraining"/>). Every other use —
/// <c>model.Transform(data)</c>, a PredictionEngine, a model loaded from a zip — leaves pixels untouched.
/// Do not put a cache checkpoint between this step and the trainer: the cache would freeze one epoch's masks.
/// </remarks>
public sealed class ImageHidingEstimator : TrainingOnlyPixelEstimator<ImageHidingTransformer>
{
    internal const string ComponentName = "HidePatches";
    private readonly HidePatchesOptions _options;

    internal ImageHidingEstimator(HidePatchesOptions options)
        : base(ComponentName, Checked(options)) => _options = (HidePatchesOptions)SharedOptions;

    private protected override void Check(PixelColumnShape shape) => ResolvePatchSizes(_options, shape);

    private protected override ImageHidingTransformer Create(IDataView input, PixelColumnShape shape, float[] fill) =>
        new(_options, shape, ResolvePatchSizes(_options, shape), fill, _options.Seed ?? 0, input);

    private static HidePatchesOptions Checked(HidePatchesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        return options.Clone();
    }

    internal static void Validate(HidePatchesOptions options)
    {
        options.ValidateShared();
        if (double.IsNaN(options.HideProbability) || options.HideProbability < 0 || options.HideProbability > 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"HideProbability must be in [0, 1], got {options.HideProbability}.");
        var list = options.PatchCounts ?? options.PatchSizes;
        string what = options.PatchCounts is null ? "PatchSizes" : "PatchCounts";
        if (list is null || list.Count == 0)
            throw new ArgumentException($"{what} must hold at least one value (0 means: do not hide).", nameof(options));
        foreach (var value in list)
        {
            if (value < 0)
                throw new ArgumentOutOfRangeException(nameof(options), $"{what} must be >= 0, got {value}.");
        }
    }

    /// <summary>Patch sides in pixels, from <see cref="HidePatchesOptions.PatchSizes"/> or the seed's patch counts.</summary>
    internal static int[] ResolvePatchSizes(HidePatchesOptions options, PixelColumnShape shape)
    {
        int shortSide = Math.Min(shape.Height, shape.Width);
        if (options.PatchCounts is { } counts)
        {
            // The seed's --do_hide N: N patches of equal area cover the image, S = ceil(sqrt(H * W / N)).
            return counts.Select(n => n == 0 ? 0 : Math.Min(shortSide, (int)Math.Ceiling(Math.Sqrt((double)shape.Height * shape.Width / n)))).ToArray();
        }
        foreach (var side in options.PatchSizes)
        {
            if (side > shortSide)
            {
                throw new ArgumentOutOfRangeException(nameof(options),
                    $"Patch size {side} is larger than the image side {shortSide} ({shape.Height} x {shape.Width}).");
            }
        }
        return options.PatchSizes.ToArray();
    }
}
