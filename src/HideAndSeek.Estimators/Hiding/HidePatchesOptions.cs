using HideAndSeek.TrainingOnly;

namespace HideAndSeek.Hiding;

/// <summary>
/// Options of <see cref="ImageHidingEstimator"/> (Hide-and-Seek, Singh &amp; Lee, ICCV 2017). The pixel columns, fill
/// (default the fitted dataset mean), image size and seed are those of every training-only step.
/// </summary>
public sealed class HidePatchesOptions : TrainingOnlyPixelOptions
{
    /// <summary>Options with the paper's defaults: 16 px patches, p = 0.5, the dataset mean as fill.</summary>
    public HidePatchesOptions()
        : base(PixelFill.DatasetMean)
    {
    }

    /// <summary>
    /// Patch sides S in pixels; one is drawn uniformly per image per epoch. 0 in the list means "do not hide this
    /// image" (the paper's mixed setting is {0, 16, 32, 44, 56} on 224 px images). Default {16}.
    /// Ignored when <see cref="PatchCounts"/> is set.
    /// </summary>
    public IReadOnlyList<int> PatchSizes { get; set; } = new[] { 16 };

    /// <summary>
    /// The seed project's form (--do_hide N): a number of patches per image, turned into a side
    /// S = ceil(sqrt(H * W / N)) once the image size is known. Several values are drawn from like
    /// <see cref="PatchSizes"/>; 0 means no hiding. Default null (use <see cref="PatchSizes"/>).
    /// </summary>
    public IReadOnlyList<int>? PatchCounts { get; set; }

    /// <summary>Probability that each patch is hidden, decided independently per patch, image and epoch. Default 0.5.</summary>
    public double HideProbability { get; set; } = 0.5;

    internal HidePatchesOptions Clone()
    {
        var copy = CloneShared<HidePatchesOptions>();
        copy.PatchSizes = PatchSizes?.ToArray()!;
        copy.PatchCounts = PatchCounts?.ToArray();
        return copy;
    }
}
