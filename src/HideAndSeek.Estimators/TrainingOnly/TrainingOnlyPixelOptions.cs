namespace HideAndSeek.TrainingOnly;

/// <summary>
/// What the options of the training-only pixel steps (<c>HidePatchesOptions</c>, <c>ImageAugmentationOptions</c>) share:
/// the pixel columns, the fill, the size of a variable-length pixel column and the seed.
/// </summary>
public abstract class TrainingOnlyPixelOptions
{
    /// <summary>The default of <see cref="MaxRowsForMean"/>.</summary>
    public const int DefaultMaxRowsForMean = 10_000;

    private protected TrainingOnlyPixelOptions(PixelFill fill) => Fill = fill;

    /// <summary>The column that receives the changed pixels. Default "Pixels".</summary>
    public string OutputColumnName { get; set; } = "Pixels";

    /// <summary>
    /// The pixel column to read: a float vector of C x H x W values as produced by <c>ExtractPixels</c> (planar
    /// channels, 0 to 255). Null (default) reads <see cref="OutputColumnName"/>, i.e. changes the pixels in place.
    /// </summary>
    public string? InputColumnName { get; set; }

    /// <summary>
    /// What blanked-out pixels become. Default <see cref="PixelFill.DatasetMean"/> for Hide-and-Seek (the paper's
    /// choice) and <see cref="PixelFill.Zero"/> for augmentation (imgaug's Affine; coarse dropout always writes 0).
    /// </summary>
    public PixelFill Fill { get; set; }

    /// <summary>For <see cref="PixelFill.Constant"/>: one value for all channels, or one per channel. Default null.</summary>
    public IReadOnlyList<float>? FillValue { get; set; }

    /// <summary>
    /// For <see cref="PixelFill.DatasetMean"/>: at most this many rows are read by <c>Fit</c> to compute the mean (a
    /// shuffled sample when the data can be shuffled). Default 10,000: a mean pixel over that many random images is
    /// within a fraction of a grey level of the full one, and <c>Fit</c> on the full Tiny ImageNet then decodes 10,000
    /// images instead of 100,000. Null reads every row.
    /// </summary>
    public int? MaxRowsForMean { get; set; } = DefaultMaxRowsForMean;

    /// <summary>
    /// For a pixel column of unknown size (a variable-length vector): the image height and width. Every row must then
    /// hold Channels x Height x Width values. Default null (take them from the column's dimensions).
    /// </summary>
    public (int Height, int Width)? ImageSize { get; set; }

    /// <summary>Channels of a variable-length pixel column. Default 3.</summary>
    public int Channels { get; set; } = 3;

    /// <summary>
    /// Seed of every random draw; the draws for an image depend only on this seed, the epoch and the row id. Null
    /// (default) uses 0, so runs are repeatable; set different seeds to vary them. (ML.NET does not give third-party
    /// components the MLContext's seed.)
    /// </summary>
    public int? Seed { get; set; }

    internal string InputColumn => InputColumnName ?? OutputColumnName;

    /// <summary>The checks of the shared options.</summary>
    internal void ValidateShared()
    {
        if (string.IsNullOrWhiteSpace(OutputColumnName))
            throw new ArgumentException("OutputColumnName must be a column name.", "options");
        if (!Enum.IsDefined(Fill))
            throw new ArgumentOutOfRangeException("options", $"Fill {(int)Fill} is not defined.");
        if (Fill == PixelFill.Constant && (FillValue is null || FillValue.Count == 0))
            throw new ArgumentException("Fill = Constant needs FillValue (one value, or one per channel).", "options");
        if (MaxRowsForMean is <= 0)
            throw new ArgumentOutOfRangeException("options", "MaxRowsForMean must be positive when set.");
    }

    /// <summary>A copy with its own lists, so that later changes to the caller's lists do not reach a fitted step.</summary>
    private protected T CloneShared<T>() where T : TrainingOnlyPixelOptions
    {
        var copy = (T)MemberwiseClone();
        copy.FillValue = FillValue?.ToArray();
        return copy;
    }
}
