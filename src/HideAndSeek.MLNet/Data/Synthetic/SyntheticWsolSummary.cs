namespace HideAndSeek.Data.Synthetic;

/// <summary>What <see cref="SyntheticWsolGenerator.Generate"/> wrote.</summary>
/// <param name="Root">Absolute path of the dataset folder (in Tiny ImageNet's layout).</param>
/// <param name="Classes">Number of classes.</param>
/// <param name="TrainImages">Number of training images.</param>
/// <param name="ValidationImages">Number of validation images.</param>
/// <param name="ImageSize">Side of the square images in pixels.</param>
/// <param name="MeanTrainBoxCoverage">Mean of box area / image area over the training images.</param>
/// <param name="MeanValidationBoxCoverage">Mean of box area / image area over the validation images (0 when none).</param>
/// <param name="MasksWritten">Whether a mask PNG was written for every image.</param>
public sealed record SyntheticWsolSummary(
    string Root,
    int Classes,
    int TrainImages,
    int ValidationImages,
    int ImageSize,
    double MeanTrainBoxCoverage,
    double MeanValidationBoxCoverage,
    bool MasksWritten)
{
    /// <summary>Mean of box area / image area over all images.</summary>
    public double MeanBoxCoverage =>
        TrainImages + ValidationImages == 0
            ? 0
            : (MeanTrainBoxCoverage * TrainImages + MeanValidationBoxCoverage * ValidationImages) / (TrainImages + ValidationImages);

    /// <summary>A one-paragraph description for printing (same as <see cref="SyntheticWsolGenerator.Describe"/>).</summary>
    /// <returns>The description.</returns>
    public override string ToString() => SyntheticWsolGenerator.Describe(this);
}
