using HideAndSeek.Data.ImageFiles;

namespace HideAndSeek.Data.TinyImageNet;

/// <summary>What to read from a Tiny ImageNet layout and how strictly to check it.</summary>
public sealed class TinyImageNetOptions
{
    /// <summary>
    /// The class ids (wnids) to read; <see langword="null"/> (the default) reads every class of <c>wnids.txt</c>.
    /// Rows keep the order of <c>wnids.txt</c> whatever the order of this list. A wnid that <c>wnids.txt</c> does not
    /// list is an <see cref="ArgumentException"/>. Rows of classes left out are skipped, not reported as errors.
    /// </summary>
    public IReadOnlyList<string>? Classes { get; set; }

    /// <summary>
    /// At most this many images per class: the first ones in the order of the annotation file.
    /// <see langword="null"/> (the default) reads all of them. Must be positive when set. A training boxes file is read
    /// only up to its N-th image (later lines are neither read nor checked); the validation annotation file is always
    /// read and checked in full, since any of its lines may belong to a selected class.
    /// </summary>
    public int? MaxImagesPerClass { get; set; }

    /// <summary>
    /// Check that every image named by an annotation file exists on disk (default <see langword="true"/>); a missing one
    /// is a <see cref="FileNotFoundException"/> naming the annotation file and line. Images are never decoded here.
    /// </summary>
    public bool VerifyImagesExist { get; set; } = true;

    /// <summary>
    /// The side of the images in pixels (default 64, as in Tiny ImageNet). Boxes are inclusive pixel coordinates and
    /// must lie within <c>0 .. ImageSize - 1</c>. The JPEG headers are not read to learn the size: that would open every
    /// image (110,000 for the full dataset) when the view is created, and the dataset's images are all 64 x 64.
    /// </summary>
    public int ImageSize { get; set; } = 64;

    /// <summary>
    /// What to do with an image file that is empty, truncated or not an image (checked cheaply, without decoding,
    /// the first time a cursor that reads <c>ImagePath</c> reaches it). <see langword="false"/> (the default): the
    /// cursor throws an <see cref="InvalidDataException"/> naming the file. <see langword="true"/>: the row is left out
    /// of every cursor that reads <c>ImagePath</c> and <see cref="BadImageSkipped"/> hears about it once; the view's row
    /// count is then unknown (<c>GetRowCount</c> returns null).
    /// </summary>
    public bool SkipBadImages { get; set; }

    /// <summary>
    /// Called once per unreadable image left out under <see cref="SkipBadImages"/>, on whatever thread reads the data
    /// (training loads on a background thread): keep it thread-safe and quick. Default null.
    /// </summary>
    public Action<BadImage>? BadImageSkipped { get; set; }
}
