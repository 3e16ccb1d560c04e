namespace HideAndSeek.Networks;

/// <summary>Construction options shared by every <see cref="GapNetwork"/>.</summary>
internal sealed record GapNetworkOptions
{
    /// <summary>The Tiny ImageNet mean pixel (R, G, B) that the seed subtracts.</summary>
    public static IReadOnlyList<float> SeedMeanPixel { get; } = Array.AsReadOnly(new[] { 122.46f, 114.26f, 101.36f });

    /// <summary>Number of classes K: the classifier maps C features to K logits.</summary>
    public required int NumClasses { get; init; }

    /// <summary>Mean pixel (R, G, B, 0..255) subtracted from the input; stored in the module as the buffer "mean".</summary>
    public IReadOnlyList<float> MeanPixel { get; init; } = SeedMeanPixel;

    /// <summary>
    /// Scales every convolution's channel count (rounded, at least 1); 1 is the seed's network. Narrow networks make
    /// tests and quick experiments cheap.
    /// </summary>
    public double WidthMultiplier { get; init; } = 1.0;

    /// <summary>AlexNet family only: feed the 64x64 input directly instead of resizing it to 227x227 (F is then 2x2).</summary>
    public bool WithoutResize { get; init; }

    /// <summary>
    /// ResNet18 only: the side images are resized to inside the network; null is the architecture's own (224, the
    /// size its ImageNet weights were trained at).
    /// </summary>
    public int? ResizedSide { get; init; }

    /// <summary>ResNet18 only: the last stage keeps stride 1, so F is twice as fine (14x14 at 224 instead of 7x7).</summary>
    public bool HighResolutionCam { get; init; }

    /// <summary>Keep probability of the pixel dropout of DropAlexNetGap and Drop2AlexNetGap (the seed: 0.5).</summary>
    public double DropoutKeepProbability { get; init; } = 0.5;

    /// <summary>
    /// BatchNorm running-statistics momentum in PyTorch's convention (new = (1 - m) * old + m * batch). The seed's
    /// TensorFlow default decay 0.99 is m = 0.01; 0.1 settles within a few dozen steps, which short runs need.
    /// </summary>
    public double BatchNormMomentum { get; init; } = 0.1;

    /// <summary>BatchNorm epsilon; 0.001 as in the seed (TensorFlow's default).</summary>
    public double BatchNormEpsilon { get; init; } = 1e-3;

    /// <summary>
    /// Seed of a private generator for the initial weights; null draws them from torch's global generator (so
    /// <c>torch.manual_seed</c> governs them).
    /// </summary>
    public long? InitSeed { get; init; }

    /// <summary>A layer's channel count at <see cref="WidthMultiplier"/>: round(c * m), at least 1.</summary>
    public int Channels(int seedChannels) =>
        Math.Max(1, (int)Math.Round(seedChannels * WidthMultiplier, MidpointRounding.AwayFromZero));

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (NumClasses < 1)
            throw new ArgumentOutOfRangeException(nameof(NumClasses), NumClasses, "At least one class is needed.");
        if (MeanPixel is null || MeanPixel.Count != 3)
            throw new ArgumentException("The mean pixel needs exactly three values (R, G, B).", nameof(MeanPixel));
        if (!(WidthMultiplier > 0) || double.IsInfinity(WidthMultiplier))
            throw new ArgumentOutOfRangeException(nameof(WidthMultiplier), WidthMultiplier, "Must be positive and finite.");
        if (!(DropoutKeepProbability > 0 && DropoutKeepProbability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DropoutKeepProbability), DropoutKeepProbability,
                "Must be in (0, 1].");
        }
        if (!(BatchNormMomentum >= 0 && BatchNormMomentum <= 1))
            throw new ArgumentOutOfRangeException(nameof(BatchNormMomentum), BatchNormMomentum, "Must be in [0, 1].");
        if (ResizedSide is <= 0)
            throw new ArgumentOutOfRangeException(nameof(ResizedSide), ResizedSide, "Must be positive when set.");
        if (!(BatchNormEpsilon > 0))
            throw new ArgumentOutOfRangeException(nameof(BatchNormEpsilon), BatchNormEpsilon, "Must be positive.");
    }
}
