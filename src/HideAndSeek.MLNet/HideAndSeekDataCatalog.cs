using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.Evaluation;

namespace Microsoft.ML;

/// <summary>
/// Data and evaluation on ML.NET's catalogs: datasets in Tiny ImageNet's layout on <c>ml.Data</c>, localisation
/// metrics on <c>ml.Localization()</c>.
/// </summary>
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
        return new TinyImageNetDataView(TinyImageNetReader.Read(root, split, options), options);
    }

    /// <summary>Localisation metrics: <c>ml.Localization().Evaluate(scored)</c>.</summary>
    /// <param name="ml">The ML.NET context.</param>
    public static LocalizationCatalog Localization(this MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return new LocalizationCatalog();
    }
}
