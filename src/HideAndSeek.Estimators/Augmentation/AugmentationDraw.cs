using HideAndSeek.Randomness;

namespace HideAndSeek.Augmentation;

/// <summary>
/// Everything <see cref="SeedAugmenter"/> decided for one image in one epoch: which steps apply and with which
/// parameters. The coarse cells and noise values are drawn later, from <see cref="CoarseRandom"/>, so a draw holds no
/// arrays and costs no allocation.
/// </summary>
internal readonly record struct AugmentationDraw
{
    public bool FlipHorizontal { get; init; }

    public bool FlipVertical { get; init; }

    public bool Rotate { get; init; }

    /// <summary>Clockwise on screen (y axis pointing down), about the image centre.</summary>
    public double RotationDegrees { get; init; }

    public bool Translate { get; init; }

    /// <summary>Whole pixels; positive moves the content right.</summary>
    public int ShiftX { get; init; }

    /// <summary>Whole pixels; positive moves the content down.</summary>
    public int ShiftY { get; init; }

    /// <summary>The coarse operation, or null when the image gets none.</summary>
    public CoarseOperation? Coarse { get; init; }

    public int CoarseRows { get; init; }

    public int CoarseColumns { get; init; }

    /// <summary>The generator state from which the coarse cells, then the per-pixel noise, are drawn.</summary>
    public SplitMix64 CoarseRandom { get; init; }

    public bool MovesPixels => FlipHorizontal || FlipVertical || Rotate || Translate;
}
