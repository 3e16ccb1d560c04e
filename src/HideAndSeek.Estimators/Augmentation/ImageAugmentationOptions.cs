using HideAndSeek.TrainingOnly;

namespace HideAndSeek.Augmentation;

/// <summary>
/// Options of <see cref="ImageAugmentationEstimator"/>: the seed project's imgaug pipelines as a training-only step.
/// The defaults are the seed's "Augmentation 1" (<see cref="AugmentationPreset.Seed1"/>); <see cref="FromPreset"/>
/// gives either pipeline; the pixel columns, fill (default zero), image size and seed are those of every training-only
/// step. Steps run in the seed's order, each decided independently per image and epoch:
/// horizontal flip, vertical flip, rotation, translation, then one coarse operation.
/// </summary>
/// <remarks>
/// How the steps follow imgaug (the version the seed used, with its uint8 images) and where they differ:
/// <list type="bullet">
/// <item>Rotation: about ((W - 1) / 2, (H - 1) / 2), clockwise on screen for positive angles, bilinear, taps outside the
/// image read the fill value (imgaug's <c>order=1, mode="constant", cval=0</c>). imgaug's OpenCV backend quantises
/// sample positions to 1/32 pixel and rounds results to uint8; here positions and pixels stay floating point.</item>
/// <item>Translation: the seed-era imgaug rounded <c>translate_percent</c> to whole pixels (later versions shift by
/// fractions); so does this step, rounding halves to even. It is applied after the rotation, as a separate step in the
/// seed's sequence, so a rotated image's uncovered corners move with it.</item>
/// <item>Coarse grid: trunc(m * H) x trunc(n * W) cells, at least <see cref="CoarseMinCells"/>, upscaled by nearest
/// neighbour (cell = floor(pixel * cells / side)), one mask for all channels; each cell is marked with
/// <see cref="CoarseCellProbability"/>. For 64 px images and the seed's (0.05, 0.1) this is 4 to 6 cells per side,
/// so each cell is 10 to 16 px.</item>
/// <item>Coarse values: dropout writes 0; salt, pepper and salt-and-pepper write imgaug's per-pixel noise by default
/// (see <see cref="CoarseReplacement.Noise"/>), rounded to integers, where the seed-era imgaug truncated (at most one
/// grey level lower).</item>
/// <item>Randomness: draws come from SplitMix64 streams keyed by (seed, epoch, row id, step), not from imgaug's
/// generator, so the statistics match but individual draws do not.</item>
/// </list>
/// </remarks>
public sealed class ImageAugmentationOptions : TrainingOnlyPixelOptions
{
    /// <summary>The seed's "Augmentation 1" (<see cref="AugmentationPreset.Seed1"/>), with zero as fill.</summary>
    public ImageAugmentationOptions()
        : base(PixelFill.Zero)
    {
    }

    /// <summary>Probability of mirroring an image left-right (imgaug <c>Fliplr</c>). Default 0.25.</summary>
    public double FlipHorizontalProbability { get; set; } = 0.25;

    /// <summary>Probability of mirroring an image top-bottom (imgaug <c>Flipud</c>). Default 0.25.</summary>
    public double FlipVerticalProbability { get; set; } = 0.25;

    /// <summary>Probability of rotating an image (imgaug <c>Sometimes(p, Affine(rotate=...))</c>). Default 0.25.</summary>
    public double RotateProbability { get; set; } = 0.25;

    /// <summary>
    /// A rotated image turns by an angle drawn uniformly from [-max, max] degrees about its centre, positive angles
    /// clockwise on screen (imgaug's convention), with bilinear sampling. Default 180 (any angle).
    /// </summary>
    public double MaxRotationDegrees { get; set; } = 180;

    /// <summary>Probability of translating an image (imgaug <c>Sometimes(p, Affine(translate_percent=...))</c>). Default 0.2.</summary>
    public double TranslateProbability { get; set; } = 0.2;

    /// <summary>
    /// A translated image moves by a fraction drawn uniformly from [-max, max] of its width (x) and, independently, of
    /// its height (y), rounded to whole pixels as the seed's imgaug did. Default 0.15 (preset 1); preset 2 uses 0.10.
    /// </summary>
    public double MaxTranslationFraction { get; set; } = 0.15;

    /// <summary>Probability of applying one coarse operation to an image. Default 0 (preset 1); preset 2 uses 0.2.</summary>
    public double CoarseProbability { get; set; }

    /// <summary>
    /// The coarse operations that are picked from, uniformly, when an image gets one (imgaug <c>OneOf</c>). Default
    /// all four: <see cref="CoarseOperation.Dropout"/>, <see cref="CoarseOperation.Salt"/>,
    /// <see cref="CoarseOperation.Pepper"/> and <see cref="CoarseOperation.SaltAndPepper"/>.
    /// </summary>
    public IReadOnlyList<CoarseOperation> CoarseOperations { get; set; } =
        new[] { CoarseOperation.Dropout, CoarseOperation.Salt, CoarseOperation.Pepper, CoarseOperation.SaltAndPepper };

    /// <summary>Probability that each cell of the coarse grid is changed (imgaug's <c>p</c>). Default 0.2.</summary>
    public double CoarseCellProbability { get; set; } = 0.2;

    /// <summary>
    /// Smallest fraction of the image side that the coarse grid's row and column counts are drawn from (imgaug's
    /// <c>size_percent</c> lower bound). Default 0.05.
    /// </summary>
    public double CoarseMinSizeFraction { get; set; } = 0.05;

    /// <summary>
    /// Largest fraction (exclusive) of the image side for the coarse grid: the grid has trunc(m * H) rows and
    /// trunc(n * W) columns with m and n drawn independently and uniformly from
    /// [<see cref="CoarseMinSizeFraction"/>, <see cref="CoarseMaxSizeFraction"/>), but at least
    /// <see cref="CoarseMinCells"/>. Default 0.1.
    /// </summary>
    public double CoarseMaxSizeFraction { get; set; } = 0.1;

    /// <summary>Fewest rows and columns of the coarse grid (imgaug's <c>min_size</c>). Default 4.</summary>
    public int CoarseMinCells { get; set; } = 4;

    /// <summary>The values salt, pepper and salt-and-pepper write. Default <see cref="CoarseReplacement.Noise"/> (imgaug's).</summary>
    public CoarseReplacement CoarseReplacement { get; set; } = CoarseReplacement.Noise;

    /// <summary>The options of one of the seed's pipelines (all other options keep their defaults).</summary>
    /// <param name="preset">The pipeline.</param>
    public static ImageAugmentationOptions FromPreset(AugmentationPreset preset) => preset switch
    {
        AugmentationPreset.None => new ImageAugmentationOptions
        {
            FlipHorizontalProbability = 0,
            FlipVerticalProbability = 0,
            RotateProbability = 0,
            TranslateProbability = 0,
            CoarseProbability = 0,
        },
        AugmentationPreset.Seed1 => new ImageAugmentationOptions(),
        AugmentationPreset.Seed2 => new ImageAugmentationOptions { MaxTranslationFraction = 0.10, CoarseProbability = 0.2 },
        _ => throw new ArgumentOutOfRangeException(nameof(preset), $"Unknown augmentation preset {preset}."),
    };

    internal ImageAugmentationOptions Clone()
    {
        var copy = CloneShared<ImageAugmentationOptions>();
        copy.CoarseOperations = CoarseOperations?.ToArray()!;
        return copy;
    }
}
