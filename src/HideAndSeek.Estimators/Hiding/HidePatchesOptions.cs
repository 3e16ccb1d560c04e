namespace HideAndSeek.Hiding;

/// <summary>Options of <see cref="ImageHidingEstimator"/> (Hide-and-Seek, Singh &amp; Lee, ICCV 2017).</summary>
public sealed class HidePatchesOptions
{
    /// <summary>The column that receives the hidden pixels. Default "Pixels".</summary>
    public string OutputColumnName { get; set; } = "Pixels";

    /// <summary>
    /// The pixel column to read: a float vector of C x H x W values as produced by <c>ExtractPixels</c> (planar
    /// channels). Null (default) reads <see cref="OutputColumnName"/>, i.e. hides in place.
    /// </summary>
    public string? InputColumnName { get; set; }

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

    /// <summary>What hidden pixels become. Default <see cref="HidingFill.DatasetMean"/>.</summary>
    public HidingFill Fill { get; set; } = HidingFill.DatasetMean;

    /// <summary>For <see cref="HidingFill.Constant"/>: one value for all channels, or one per channel. Default null.</summary>
    public IReadOnlyList<float>? FillValue { get; set; }

    /// <summary>
    /// At most this many rows are read by <c>Fit</c> to compute the dataset mean (a shuffled sample when the data can
    /// be shuffled). Default 10,000: a mean pixel over that many
    /// random images is within a fraction of a grey level of the full one, and <c>Fit</c> on the full Tiny ImageNet then
    /// decodes 10,000 images instead of 100,000. Null reads every row.
    /// </summary>
    public int? MaxRowsForMean { get; set; } = DefaultMaxRowsForMean;

    /// <summary>The default of <see cref="MaxRowsForMean"/>.</summary>
    public const int DefaultMaxRowsForMean = 10_000;

    /// <summary>
    /// For a pixel column of unknown size (a variable-length vector): the image height and width. Every row must then
    /// hold Channels x Height x Width values. Default null (take them from the column's dimensions).
    /// </summary>
    public (int Height, int Width)? ImageSize { get; set; }

    /// <summary>Channels of a variable-length pixel column. Default 3.</summary>
    public int Channels { get; set; } = 3;

    /// <summary>
    /// Seed of the hiding masks. Null (default) uses 0, so runs are repeatable; set different seeds to vary the masks.
    /// (ML.NET does not give third-party components the MLContext's seed.)
    /// </summary>
    public int? Seed { get; set; }

    internal HidePatchesOptions Clone() => (HidePatchesOptions)MemberwiseClone();
}
