using HideAndSeek.Data.ImageFiles;

namespace HideAndSeek.Data.Manifest;

/// <summary>What to read from a CSV/TSV image manifest (see <see cref="ImageManifestReader"/> for the format).</summary>
public sealed class ImageManifestOptions : ImageDatasetOptions
{
    /// <summary>
    /// Read only the images whose <c>split</c> column has this value (exact, case-sensitive, e.g. <c>"train"</c> or
    /// <c>"test"</c>); <see langword="null"/> (the default) reads every row. Asking for a split of a manifest without a
    /// <c>split</c> column, or one that no row has, is an <see cref="InvalidDataException"/> that lists what there is.
    /// </summary>
    public string? Split { get; set; }

    /// <summary>
    /// The field delimiter; <see langword="null"/> (the default) chooses by extension: TAB for <c>.tsv</c> and
    /// <c>.tab</c>, comma for <c>.csv</c>, otherwise TAB when the header row has one, else comma.
    /// </summary>
    public char? Delimiter { get; set; }

    /// <summary>
    /// Look for object masks when the manifest has no <c>mask</c> column (default <see langword="true"/>): when a
    /// <c>masks</c> folder lies beside the manifest, the mask of <c>images/&lt;path&gt;.jpg</c> is
    /// <c>masks/&lt;path&gt;.png</c> (of any other relative image path <c>p</c>, <c>masks/p</c> with a <c>.png</c>
    /// extension), and every selected image must have one (checked under
    /// <see cref="ImageDatasetOptions.VerifyImagesExist"/>).
    /// </summary>
    public bool DetectMasks { get; set; } = true;

    /// <summary>
    /// The prefix of the optional part-box columns (default <c>"head_"</c>: <c>head_xmin, head_ymin, head_xmax,
    /// head_ymax</c>). When the header has them the view gets a <c>PartBox</c> column (4 singles per part box, empty
    /// where a row leaves them empty). An empty prefix turns part boxes off.
    /// </summary>
    public string PartBoxColumnPrefix { get; set; } = "head_";
}
