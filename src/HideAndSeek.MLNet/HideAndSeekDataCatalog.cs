using HideAndSeek.Data.ImageFiles;
using HideAndSeek.Data.ImageFolders;
using HideAndSeek.Data.Manifest;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.Data.Voc;
using HideAndSeek.Evaluation;

namespace Microsoft.ML;

/// <summary>
/// Data and evaluation on ML.NET's catalogs: image datasets on <c>ml.Data</c> (Tiny ImageNet's layout, a CSV/TSV
/// manifest, a folder per class, Pascal VOC / ImageNet XML boxes), localisation metrics on <c>ml.Localization()</c>.
/// </summary>
/// <remarks>
/// Every loader returns a lazy view of the same columns: <c>ImagePath</c> (text, absolute path), <c>Label</c> (text,
/// class id), <c>LabelName</c> (text), <c>Box</c> (singles, 4 per box: xmin, ymin, xmax, ymax as 0-based inclusive
/// pixels of the photo's own size; known size 4 when every image has one box, else variable, 4n), <c>MaskPath</c>
/// (text) when the dataset has masks, and from a manifest with part-box columns <c>PartBox</c> (singles, 4 per box,
/// possibly none). Annotations are parsed and checked when the view is created; images are not decoded (chain
/// <c>LoadImages("Image", null, "ImagePath")</c>). The views know their row count (unless bad images are skipped) and
/// shuffle fully: a cursor asked for with a <see cref="Random"/> visits all rows in a random permutation.
/// </remarks>
public static class HideAndSeekDataCatalog
{
    /// <summary>
    /// Reads one split of a Tiny ImageNet layout as an <see cref="IDataView"/> with the columns <c>ImagePath</c>
    /// (text, absolute path), <c>Label</c> (text, wnid), <c>LabelName</c> (text, first name in <c>words.txt</c>) and
    /// <c>Box</c> (vector of 4 singles: xmin, ymin, xmax, ymax in inclusive pixels), and <c>MaskPath</c> (text, absolute
    /// path of the object mask PNG) when the split has masks (<c>masks/</c> beside <c>images/</c>, as
    /// <c>gen-data --write-masks</c> writes them); <c>ml.Localization().Evaluate</c> then adds PxAP.
    /// </summary>
    /// <remarks>
    /// The annotation files are parsed and checked once, here; images are not decoded (chain
    /// <c>LoadImages("Image", null, "ImagePath")</c> for that). The view knows its row count and can shuffle: a cursor
    /// asked for with a <see cref="Random"/> visits all rows in a full random permutation. See
    /// <see cref="TinyImageNetReader"/> for the layout, row order and errors.
    /// </remarks>
    /// <param name="catalog">The data catalog, <c>mlContext.Data</c>.</param>
    /// <param name="root">The folder holding <c>wnids.txt</c>, <c>words.txt</c>, <c>train/</c> and <c>val/</c>.</param>
    /// <param name="split">Which split to read.</param>
    /// <param name="options">Class subset, per-class limit and checks; <see langword="null"/> for the defaults.</param>
    /// <returns>The rows of the split.</returns>
    public static IDataView LoadTinyImageNet(
        this DataOperationsCatalog catalog, string root, TinyImageNetSplit split, TinyImageNetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var rows = TinyImageNetReader.Read(root, split, options).Select(r => new AnnotatedImage(
            r.ImagePath, r.Label, r.LabelName, [r.XMin, r.YMin, r.XMax, r.YMax], r.MaskPath)).ToArray();
        return new AnnotatedImageDataView(rows, options);
    }

    /// <summary>
    /// Reads a CSV or TSV image manifest (header row, then one row per box: <c>image,label[,xmin,ymin,xmax,ymax]</c>
    /// plus optional <c>split</c>, <c>mask</c>, <c>width,height</c>, <c>head_xmin..head_ymax</c>) as a view with the
    /// columns <c>ImagePath</c>, <c>Label</c>, <c>LabelName</c> (= label), <c>Box</c> when the manifest has box
    /// columns (all the boxes of an image's rows), <c>MaskPath</c> when it has a <c>mask</c> column or a <c>masks</c>
    /// folder beside it, and <c>PartBox</c> when it has part-box columns. One view row per image, in the order images
    /// first appear.
    /// </summary>
    /// <remarks>See <see cref="ImageManifestReader"/> for the format, the checks and the errors.</remarks>
    /// <param name="catalog">The data catalog, <c>mlContext.Data</c>.</param>
    /// <param name="manifestPath">The manifest file; image and mask paths in it are relative to its folder.</param>
    /// <param name="options">Split, class subset, checks; <see langword="null"/> for the defaults (every row).</param>
    /// <returns>The images of the manifest (of the split, when asked for).</returns>
    /// <exception cref="FileNotFoundException">The manifest, an image or a mask is missing.</exception>
    /// <exception cref="InvalidDataException">The manifest is malformed or a box is outside its photo (the message
    /// names the file and line).</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static IDataView LoadImageManifest(
        this DataOperationsCatalog catalog, string manifestPath, ImageManifestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AnnotatedImageDataView(ImageManifestReader.Read(manifestPath, options), options);
    }

    /// <summary>
    /// Reads a folder per class (<c>root/&lt;class&gt;/*.jpg|jpeg|png</c>) as a view with the columns
    /// <c>ImagePath</c>, <c>Label</c> and <c>LabelName</c> (both the folder name), and no <c>Box</c>: enough to train a
    /// classifier and localiser, not to evaluate one.
    /// </summary>
    /// <remarks>See <see cref="ImageFolderReader"/> for the order and what is ignored.</remarks>
    /// <param name="catalog">The data catalog, <c>mlContext.Data</c>.</param>
    /// <param name="root">The folder holding one folder per class.</param>
    /// <param name="options">Class subset, per-class limit, extensions; <see langword="null"/> for the defaults.</param>
    /// <returns>The images, class by class.</returns>
    /// <exception cref="DirectoryNotFoundException">The root is missing.</exception>
    /// <exception cref="InvalidDataException">No class folder has an image.</exception>
    public static IDataView LoadImageFolders(this DataOperationsCatalog catalog, string root, ImageFolderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AnnotatedImageDataView(ImageFolderReader.Read(root, options), options);
    }

    /// <summary>
    /// Reads a folder of Pascal VOC / ImageNet bounding-box XML files (<c>*.xml</c>, one per image) as a view with the
    /// columns <c>ImagePath</c>, <c>Label</c> and <c>LabelName</c> (the first object's name, or the option's label) and
    /// <c>Box</c> (one box per <c>&lt;object&gt;</c>). VOC coordinates are 1-based inclusive; 1 is subtracted, so the
    /// boxes are 0-based inclusive pixels like every other loader's.
    /// </summary>
    /// <remarks>See <see cref="VocAnnotationReader"/> for the format, the checks and the errors.</remarks>
    /// <param name="catalog">The data catalog, <c>mlContext.Data</c>.</param>
    /// <param name="annotationFolder">The folder of XML files.</param>
    /// <param name="imageFolder">The folder of the images the XML <c>&lt;filename&gt;</c>s name.</param>
    /// <param name="options">Label, coordinate base, checks; <see langword="null"/> for the defaults.</param>
    /// <returns>One row per XML file, in file name order.</returns>
    /// <exception cref="DirectoryNotFoundException">A folder is missing.</exception>
    /// <exception cref="FileNotFoundException">An image is missing.</exception>
    /// <exception cref="InvalidDataException">An XML file is malformed or a box is outside its photo (the message
    /// names the file and line).</exception>
    public static IDataView LoadVocAnnotations(
        this DataOperationsCatalog catalog, string annotationFolder, string imageFolder, VocAnnotationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AnnotatedImageDataView(VocAnnotationReader.Read(annotationFolder, imageFolder, options), options);
    }

    /// <summary>Localisation metrics: <c>ml.Localization().Evaluate(scored)</c>.</summary>
    /// <param name="ml">The ML.NET context.</param>
    public static LocalizationCatalog Localization(this MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return new LocalizationCatalog();
    }
}
