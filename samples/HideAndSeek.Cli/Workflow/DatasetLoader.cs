using HideAndSeek.Data.ImageFiles;
using HideAndSeek.Data.ImageFolders;
using HideAndSeek.Data.Manifest;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.Data.Voc;
using Microsoft.ML;

namespace HideAndSeek.Cli.Workflow;

/// <summary>
/// Loads a dataset in any layout the library reads, found from what the path holds, turning layout errors into
/// one-line user errors. The training part is the Tiny ImageNet <c>train/</c> split or a manifest's <c>train</c> rows;
/// the held-out part <c>val/</c> or a manifest's <c>test</c> rows. Layouts without a split (a manifest without a
/// <c>split</c> column, VOC XML, a folder per class) use all their images for either.
/// </summary>
internal static class DatasetLoader
{
    private const string TrainSplit = "train";
    private const string TestSplit = "test";

    private const string Accepted =
        "expected a Tiny ImageNet root (wnids.txt, train/, val/), a CSV/TSV manifest file (image,label[,xmin,ymin,xmax,ymax][,split]) " +
        "or a folder holding exactly one, a folder of Pascal VOC *.xml annotations (images beside them or in images/ or JPEGImages/), " +
        "or a folder with one subfolder of images per class";

    /// <summary>The layouts <see cref="Detect"/> tells apart.</summary>
    internal enum Layout { TinyImageNet, Manifest, Voc, ImageFolders }

    /// <summary>
    /// The training part (<paramref name="split"/> Train) or the held-out part (Validation) of a dataset; a layout
    /// without a split gives all its images for either, except that a folder per class, having no boxes, cannot be
    /// evaluated.
    /// </summary>
    public static IDataView Load(MLContext ml, string path, TinyImageNetSplit split, TinyImageNetOptions? options = null) =>
        Load(ml, path, split, options, heldOutOnly: false)!;

    /// <summary>
    /// The held-out part to watch while training, or null when the layout has none (its images would all be training
    /// images).
    /// </summary>
    public static IDataView? LoadHeldOut(MLContext ml, string path, TinyImageNetOptions? options = null) =>
        Load(ml, path, TinyImageNetSplit.Validation, options, heldOutOnly: true);

    private static IDataView? Load(MLContext ml, string path, TinyImageNetSplit split, TinyImageNetOptions? options, bool heldOutOnly)
    {
        var (layout, annotations, images) = Detect(path);
        bool train = split == TinyImageNetSplit.Train;
        try
        {
            switch (layout)
            {
                case Layout.TinyImageNet:
                    return ml.Data.LoadTinyImageNet(path, split, options);
                case Layout.Manifest:
                    bool hasSplit = ManifestHasSplitColumn(annotations);
                    if (!hasSplit && heldOutOnly)
                        return null;
                    var manifestOptions = Copy(options, new ImageManifestOptions());
                    manifestOptions.Split = hasSplit ? (train ? TrainSplit : TestSplit) : null;
                    return ml.Data.LoadImageManifest(annotations, manifestOptions);
                case Layout.Voc:
                    return heldOutOnly ? null : ml.Data.LoadVocAnnotations(annotations, images, Copy(options, new VocAnnotationOptions()));
                default:
                    if (heldOutOnly)
                        return null;
                    if (!train)
                        throw new UserError($"dataset '{path}' is a folder per class, which has no boxes to evaluate against: give a manifest with boxes, VOC XML or a Tiny ImageNet root");
                    return ml.Data.LoadImageFolders(path, Copy(options, new ImageFolderOptions()));
            }
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or ArgumentException)
        {
            string name = layout switch
            {
                Layout.TinyImageNet => "the Tiny ImageNet layout",
                Layout.Manifest => $"a usable image manifest ('{annotations}')",
                Layout.Voc => "a usable folder of VOC annotations",
                _ => "a usable folder per class",
            };
            throw new UserError($"dataset '{path}' is not in {name}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Which layout a path holds, with the annotation file or folder and the image folder where they differ from it.
    /// A file is a manifest; a folder is Tiny ImageNet with <c>wnids.txt</c>, a manifest when it holds exactly one
    /// <c>.csv</c>/<c>.tsv</c>, VOC when it (or its <c>Annotations</c>/<c>annotations</c> folder) holds <c>*.xml</c>, and a
    /// folder per class when a subfolder holds images.
    /// </summary>
    internal static (Layout Layout, string Annotations, string Images) Detect(string path)
    {
        if (File.Exists(path))
        {
            string extension = Path.GetExtension(path).ToLowerInvariant();
            if (extension is ".csv" or ".tsv" or ".tab")
                return (Layout.Manifest, path, Path.GetDirectoryName(Path.GetFullPath(path))!);
            throw new UserError($"dataset '{path}' is a file but not a .csv/.tsv manifest: {Accepted}");
        }
        if (!Directory.Exists(path))
            throw new UserError($"dataset '{path}' does not exist (run 'gen-data' for a synthetic one): {Accepted}");
        if (File.Exists(Path.Combine(path, "wnids.txt")))
            return (Layout.TinyImageNet, path, path);
        var manifests = Directory.GetFiles(path, "*.csv").Concat(Directory.GetFiles(path, "*.tsv")).ToArray();
        if (manifests.Length == 1)
            return (Layout.Manifest, manifests[0], path);
        foreach (string folder in new[] { path, Path.Combine(path, "Annotations"), Path.Combine(path, "annotations") })
        {
            if (!Directory.Exists(folder) || Directory.GetFiles(folder, "*.xml").Length == 0)
                continue;
            string images = new[] { Path.Combine(path, "JPEGImages"), Path.Combine(path, "images") }.FirstOrDefault(Directory.Exists) ?? folder;
            return (Layout.Voc, folder, images);
        }
        if (Directory.GetDirectories(path).Any(d => Directory.EnumerateFiles(d).Any(IsImageFile)))
            return (Layout.ImageFolders, path, path);
        string found = manifests.Length > 1 ? $" (it holds {manifests.Length} manifests: name one)" : "";
        throw new UserError($"dataset '{path}' is not a layout this tool reads{found}: {Accepted}");
    }

    private static bool IsImageFile(string file) =>
        Path.GetExtension(file).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png";

    /// <summary>Whether the manifest's header names a split column (only the header is read).</summary>
    private static bool ManifestHasSplitColumn(string manifest)
    {
        string? header = File.ReadLines(manifest).FirstOrDefault(l => l.Trim().Length > 0);
        return header is not null && header.Split(',', '\t').Any(n => n.Trim().Trim('"').Equals("split", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The CLI's class subset, per-class limit and bad-image handling, for another layout's options.</summary>
    private static T Copy<T>(TinyImageNetOptions? from, T to) where T : ImageDatasetOptions
    {
        if (from is null)
            return to;
        to.Classes = from.Classes;
        to.MaxImagesPerClass = from.MaxImagesPerClass;
        to.VerifyImagesExist = from.VerifyImagesExist;
        to.SkipBadImages = from.SkipBadImages;
        to.BadImageSkipped = from.BadImageSkipped;
        return to;
    }

    /// <summary>
    /// The preprocessing every model uses: the label as a key, decoded JPEGs resized to the network's side, planar
    /// R, G, B floats 0..255.
    /// </summary>
    /// <remarks>
    /// <c>PreparePhotos</c> also keeps each photo's size and the resize mode (PhotoGeometry), so boxes map back to the
    /// photo's pixels; it is saved in model.zip, so test and predict resize as training did.
    /// </remarks>
    public static IEstimator<ITransformer> Preprocessing(MLContext ml, int size,
        HideAndSeek.Photos.PhotoResizing resizing = HideAndSeek.Photos.PhotoResizing.Stretch) =>
        ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.PreparePhotos(size, resizing));

    /// <summary>At most <paramref name="count"/> rows spread evenly over the classes (a shuffled sample when larger).</summary>
    public static IDataView Sample(MLContext ml, IDataView data, int count, int seed)
    {
        long rows = data.GetRowCount() ?? long.MaxValue;
        if (count <= 0 || count >= rows)
            return data;
        return ml.Data.TakeRows(ml.Data.ShuffleRows(data, seed, shufflePoolSize: (int)Math.Min(rows, 100_000)), count);
    }
}
