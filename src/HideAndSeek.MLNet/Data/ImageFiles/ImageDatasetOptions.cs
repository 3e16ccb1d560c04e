namespace HideAndSeek.Data.ImageFiles;

/// <summary>
/// What every image dataset loader shares: which classes and how many images to read, and how strictly to check
/// the image files. Each loader's options class adds what its layout needs.
/// </summary>
public class ImageDatasetOptions
{
    /// <summary>
    /// The labels (class ids) to read; <see langword="null"/> (the default) reads every class. Rows keep the dataset's
    /// order whatever the order of this list. An empty list, a repeated label or a label the dataset does not have is
    /// an <see cref="ArgumentException"/>. Rows of classes left out are skipped, not reported as errors.
    /// </summary>
    public IReadOnlyList<string>? Classes { get; set; }

    /// <summary>
    /// At most this many images per class: the first ones in the dataset's order. <see langword="null"/> (the default)
    /// reads all of them. Must be positive when set.
    /// </summary>
    public int? MaxImagesPerClass { get; set; }

    /// <summary>
    /// Check, when the view is created, that every image named by the annotations exists and read its size from the
    /// file's header (default <see langword="true"/>): boxes are then checked against the photo's real size. Images
    /// are never decoded here. With <see langword="false"/> no file is opened and boxes are only checked to be
    /// non-negative and ordered (the evaluator still refuses a box outside its decoded image).
    /// </summary>
    public bool VerifyImagesExist { get; set; } = true;

    /// <summary>
    /// What to do with an image that is missing, empty, truncated or not an image. <see langword="false"/> (the
    /// default): an error that names the file (and the annotation file and line where there is one). <see langword="true"/>:
    /// the row is left out of every cursor that reads <c>ImagePath</c> and <see cref="BadImageSkipped"/> hears about it
    /// once, when a cursor first reaches it; the view's row count is then unknown (<c>GetRowCount</c> returns null).
    /// A box outside its photo is never skipped: it is always an error.
    /// </summary>
    public bool SkipBadImages { get; set; }

    /// <summary>
    /// Called once per unreadable image left out under <see cref="SkipBadImages"/>, on whatever thread reads the data
    /// (training loads on a background thread): keep it thread-safe and quick. Default null.
    /// </summary>
    public Action<BadImage>? BadImageSkipped { get; set; }

    /// <summary>Throws for an option out of range; called by every loader before it reads anything.</summary>
    internal void Validate()
    {
        if (MaxImagesPerClass is < 1)
        {
            throw new ArgumentOutOfRangeException("options", MaxImagesPerClass,
                $"{nameof(MaxImagesPerClass)} must be positive (or null for all images).");
        }

        if (Classes is null)
            return;
        if (Classes.Count == 0)
            throw new ArgumentException($"{nameof(Classes)} is empty: list at least one class, or leave it null for all classes.", "options");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? label in Classes)
        {
            if (label is null)
                throw new ArgumentException($"{nameof(Classes)} contains a null label.", "options");
            if (!seen.Add(label))
                throw new ArgumentException($"{nameof(Classes)} names '{label}' more than once.", "options");
        }
    }
}
