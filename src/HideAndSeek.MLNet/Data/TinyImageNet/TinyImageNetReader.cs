using HideAndSeek.Data.ImageFiles;
namespace HideAndSeek.Data.TinyImageNet;

/// <summary>
/// Reads the annotations of a dataset in Tiny ImageNet's original layout (no ML.NET needed):
/// <code>
/// wnids.txt                      class ids, one a line; their order is the class order
/// words.txt                      wnid TAB comma-separated names (the first name is the label name)
/// train/&lt;wnid&gt;/images/*.JPEG
/// train/&lt;wnid&gt;/&lt;wnid&gt;_boxes.txt  file TAB xmin TAB ymin TAB xmax TAB ymax   (inclusive pixels)
/// val/images/*.JPEG
/// val/val_annotations.txt        file TAB wnid TAB xmin TAB ymin TAB xmax TAB ymax
/// train/&lt;wnid&gt;/masks/*.png, val/masks/*.png   optional object masks (see below)
/// </code>
/// </summary>
/// <remarks>
/// <para>Rows are defined by the annotation files: train rows class by class in <c>wnids.txt</c> order, each class in
/// the order of its boxes file; validation rows in the order of <c>val_annotations.txt</c>. Image files that no
/// annotation names are not rows. Images are never decoded here.</para>
/// <para>Boxes are 0-based inclusive pixels of the image's own size, read from each image's header (no decoding)
/// unless <see cref="TinyImageNetOptions.ImageSize"/> fixes it, so images of any size work.</para>
/// <para>Bad annotations are never skipped: a malformed line or a box outside its image is an
/// <see cref="InvalidDataException"/>, a missing file a <see cref="FileNotFoundException"/> (a missing or unreadable
/// image only without <see cref="ImageFiles.ImageDatasetOptions.SkipBadImages"/>; with it the row is left out when read), a missing folder a <see cref="DirectoryNotFoundException"/>; each
/// message names the file, the 1-based line where there is one, and what was expected. Empty lines are ignored.</para>
/// <para>Object masks (not part of Tiny ImageNet; <c>gen-data --write-masks</c> writes them): when a split has a
/// <c>masks</c> folder beside an <c>images</c> folder (<c>train/&lt;wnid&gt;/masks</c> for any selected class, or
/// <c>val/masks</c>), every row of that split gets <see cref="TinyImageNetRecord.MaskPath"/> =
/// <c>masks/&lt;image name without extension&gt;.png</c> (<see cref="MaskPathFor"/>): a grey image of the image's size,
/// non-zero on the object's pixels. Masks are checked for existence like images (when
/// <see cref="ImageFiles.ImageDatasetOptions.VerifyImagesExist"/>) and never decoded here.</para>
/// <para><c>words.txt</c> is the one lenient part: when it is absent, or has no entry for a class, the wnid itself is
/// the label name, since the names only serve display and reports. A line of it without a TAB is still an error.</para>
/// </remarks>
public static class TinyImageNetReader
{
    internal const string WnidsFileName = "wnids.txt";
    internal const string WordsFileName = "words.txt";
    internal const string TrainFolderName = "train";
    internal const string ValidationFolderName = "val";
    internal const string ImagesFolderName = "images";
    internal const string ValidationAnnotationsFileName = "val_annotations.txt";
    internal const string MasksFolderName = "masks";

    /// <summary>Reads the annotated images of one split.</summary>
    /// <param name="root">The folder holding <c>wnids.txt</c>, <c>words.txt</c>, <c>train/</c> and <c>val/</c>.</param>
    /// <param name="split">Which split to read.</param>
    /// <param name="options">Class subset, per-class limit and checks; <see langword="null"/> for the defaults.</param>
    /// <returns>The rows, with absolute image paths, in the order described in the remarks.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or <see cref="ImageFiles.ImageDatasetOptions.Classes"/> names a
    /// wnid that <c>wnids.txt</c> does not list.</exception>
    /// <exception cref="DirectoryNotFoundException">The root or a class folder is missing.</exception>
    /// <exception cref="FileNotFoundException">An annotation file, or (when checked) an image, is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, a box is out of range, or no row is left.</exception>
    public static IReadOnlyList<TinyImageNetRecord> Read(string root, TinyImageNetSplit split, TinyImageNetOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        options ??= new TinyImageNetOptions();
        ValidateOptions(options);

        string fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
            throw new DirectoryNotFoundException($"Tiny ImageNet root folder '{fullRoot}' does not exist.");

        var classes = ReadClasses(fullRoot);
        var selected = SelectClasses(classes, options.Classes, Path.Combine(fullRoot, WnidsFileName));
        var records = split switch
        {
            TinyImageNetSplit.Train => ReadTrain(fullRoot, selected, options),
            TinyImageNetSplit.Validation => ReadValidation(fullRoot, classes, selected, options),
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown Tiny ImageNet split."),
        };
        return records;
    }

    /// <summary>
    /// Where the object mask of an image lies: <c>masks/&lt;name without extension&gt;.png</c> beside the image's
    /// <c>images</c> folder (<c>train/&lt;wnid&gt;/masks/</c> or <c>val/masks/</c>).
    /// </summary>
    /// <param name="imagePath">Path of an image of the layout, e.g. the <c>ImagePath</c> column.</param>
    /// <returns>The absolute mask path (whether or not the file exists).</returns>
    public static string MaskPathFor(string imagePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(imagePath);
        string imagesFolder = Path.GetDirectoryName(Path.GetFullPath(imagePath))!;
        string parent = Path.GetDirectoryName(imagesFolder)!;
        return Path.Combine(parent, MasksFolderName, Path.GetFileNameWithoutExtension(imagePath) + ".png");
    }

    /// <summary>Reads <c>wnids.txt</c> and the names from <c>words.txt</c>, in class order.</summary>
    internal static IReadOnlyList<TinyImageNetClass> ReadClasses(string fullRoot)
    {
        string wnidsFile = Path.Combine(fullRoot, WnidsFileName);
        if (!File.Exists(wnidsFile))
        {
            throw new FileNotFoundException(
                $"'{fullRoot}' is not a Tiny ImageNet layout: the class list '{wnidsFile}' (one wnid a line) is missing.",
                wnidsFile);
        }

        var wnids = new List<string>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(wnidsFile))
        {
            lineNumber++;
            string wnid = raw.Trim();
            if (wnid.Length == 0)
                continue;
            if (!TinyImageNetAnnotationParser.IsValidWnid(wnid))
            {
                throw DataFileErrors.Invalid(wnidsFile, lineNumber,
                    $"expected one class id (wnid) without spaces or path separators but found {DataFileErrors.Quote(raw)}");
            }

            if (!firstLine.TryAdd(wnid, lineNumber))
            {
                throw DataFileErrors.Invalid(wnidsFile, lineNumber,
                    $"expected each wnid once but '{wnid}' was already listed on line {firstLine[wnid]}");
            }

            wnids.Add(wnid);
        }
        if (wnids.Count == 0)
            throw DataFileErrors.Invalid(wnidsFile, "expected at least one class id (wnid) but the file lists none");

        var names = ReadClassNames(Path.Combine(fullRoot, WordsFileName), firstLine);
        return wnids.Select(w => new TinyImageNetClass(w, names.GetValueOrDefault(w, w))).ToArray();
    }

    private static Dictionary<string, string> ReadClassNames(string wordsFile, Dictionary<string, int> wanted)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(wordsFile))
            return names; // documented fallback: label names become the wnids
        int lineNumber = 0;
        foreach (string line in File.ReadLines(wordsFile))
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            int tab = line.IndexOf('\t');
            if (tab <= 0)
            {
                throw DataFileErrors.Invalid(wordsFile, lineNumber,
                    $"expected 'wnid<TAB>comma-separated names' but found {DataFileErrors.Quote(line)}");
            }

            string wnid = line[..tab];
            if (!wanted.ContainsKey(wnid) || names.ContainsKey(wnid))
                continue;
            string names0 = line[(tab + 1)..];
            int comma = names0.IndexOf(',');
            string first = (comma >= 0 ? names0[..comma] : names0).Trim();
            if (first.Length > 0)
                names[wnid] = first;
        }
        return names;
    }

    private static void ValidateOptions(TinyImageNetOptions options)
    {
        options.Validate();
        if (options.ImageSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ImageSize,
                $"{nameof(TinyImageNetOptions.ImageSize)} must be positive (or null to read each image's size).");
        }
    }

    private static TinyImageNetClass[] SelectClasses(
        IReadOnlyList<TinyImageNetClass> classes, IReadOnlyList<string>? subset, string wnidsFile)
    {
        if (subset is null)
            return classes.ToArray();
        // Empty, null and repeated entries were refused by ImageDatasetOptions.Validate.
        var wanted = new HashSet<string>(subset, StringComparer.Ordinal);
        foreach (string wnid in subset)
        {
            if (!classes.Any(c => c.Wnid == wnid))
            {
                throw new ArgumentException(
                    $"{nameof(TinyImageNetOptions.Classes)} names wnid '{wnid}', which '{wnidsFile}' does not list.",
                    "options");
            }
        }
        return classes.Where(c => wanted.Contains(c.Wnid)).ToArray(); // wnids.txt order, not the subset's
    }

    private static List<TinyImageNetRecord> ReadTrain(string root, TinyImageNetClass[] classes, TinyImageNetOptions options)
    {
        // Masks for one class mean masks for all: a missing one is then an error, not a silently shorter PxAP.
        bool masks = classes.Any(c => Directory.Exists(Path.Combine(root, TrainFolderName, c.Wnid, MasksFolderName)));
        var records = new List<TinyImageNetRecord>();
        foreach (var cls in classes)
        {
            string classFolder = Path.Combine(root, TrainFolderName, cls.Wnid);
            if (!Directory.Exists(classFolder))
            {
                throw new DirectoryNotFoundException(
                    $"Class '{cls.Wnid}' is listed in '{Path.Combine(root, WnidsFileName)}' but its training folder '{classFolder}' does not exist.");
            }

            string boxesFile = Path.Combine(classFolder, cls.Wnid + "_boxes.txt");
            if (!File.Exists(boxesFile))
            {
                throw new FileNotFoundException(
                    $"Class folder '{classFolder}' has no boxes file: expected '{boxesFile}' (file TAB xmin TAB ymin TAB xmax TAB ymax).",
                    boxesFile);
            }

            string imagesFolder = Path.Combine(classFolder, ImagesFolderName);

            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            int lineNumber = 0;
            foreach (string line in File.ReadLines(boxesFile))
            {
                lineNumber++;
                if (line.Length == 0)
                    continue;
                if (options.MaxImagesPerClass is int limit && seen.Count >= limit)
                    break; // the first N lines are wanted; the rest is neither read nor checked
                var (name, box) = TinyImageNetAnnotationParser.ParseTrainLine(line, boxesFile, lineNumber, options.ImageSize);
                CheckUnique(seen, name, boxesFile, lineNumber);
                records.Add(MakeRecord(Path.Combine(imagesFolder, name), cls, box, boxesFile, lineNumber, options, masks));
            }
        }
        if (records.Count == 0)
        {
            throw DataFileErrors.Invalid(Path.Combine(root, TrainFolderName),
                "expected annotated training images but the boxes files of the selected classes have no lines");
        }

        return records;
    }

    private static List<TinyImageNetRecord> ReadValidation(
        string root, IReadOnlyList<TinyImageNetClass> all, TinyImageNetClass[] selected, TinyImageNetOptions options)
    {
        string annotations = Path.Combine(root, ValidationFolderName, ValidationAnnotationsFileName);
        if (!File.Exists(annotations))
        {
            throw new FileNotFoundException(
                $"'{root}' has no validation annotations: expected '{annotations}' (file TAB wnid TAB xmin TAB ymin TAB xmax TAB ymax).",
                annotations);
        }

        string imagesFolder = Path.Combine(root, ValidationFolderName, ImagesFolderName);
        bool masks = Directory.Exists(Path.Combine(root, ValidationFolderName, MasksFolderName));
        var known = all.ToDictionary(c => c.Wnid, StringComparer.Ordinal);
        var counts = selected.ToDictionary(c => c.Wnid, _ => 0, StringComparer.Ordinal);
        string wnidsFile = Path.Combine(root, WnidsFileName);

        var records = new List<TinyImageNetRecord>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string line in File.ReadLines(annotations))
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            var (name, wnid, box) =
                TinyImageNetAnnotationParser.ParseValidationLine(line, annotations, lineNumber, options.ImageSize);
            if (!known.TryGetValue(wnid, out var cls))
            {
                throw DataFileErrors.Invalid(annotations, lineNumber,
                    $"expected a class id listed in '{wnidsFile}' but found unknown wnid '{wnid}'");
            }

            CheckUnique(seen, name, annotations, lineNumber);
            if (!counts.TryGetValue(wnid, out int count))
                continue; // a class left out by the subset: not an error
            if (options.MaxImagesPerClass is int limit && count >= limit)
                continue;
            counts[wnid] = count + 1;
            records.Add(MakeRecord(Path.Combine(imagesFolder, name), cls, box, annotations, lineNumber, options, masks));
        }
        if (records.Count == 0)
            throw DataFileErrors.Invalid(annotations, "expected annotated validation images of the selected classes but found none");
        return records;
    }

    private static void CheckUnique(Dictionary<string, int> seen, string name, string file, int lineNumber)
    {
        if (!seen.TryAdd(name, lineNumber))
        {
            throw DataFileErrors.Invalid(file, lineNumber,
                $"expected each image once but '{name}' was already annotated on line {seen[name]}");
        }
    }

    private static TinyImageNetRecord MakeRecord(string imagePath, TinyImageNetClass cls, PixelBox box, string file,
        int lineNumber, TinyImageNetOptions options, bool withMask)
    {
        bool exists = !options.VerifyImagesExist || File.Exists(imagePath);
        if (!exists && !options.SkipBadImages)
        {
            throw new FileNotFoundException(
                $"{file}, line {lineNumber}: expected the annotated image '{imagePath}' to exist but it was not found.",
                imagePath);
        }

        if (exists && options.VerifyImagesExist && options.ImageSize is null)
            CheckBoxInsideImage(imagePath, box, file, lineNumber, options.SkipBadImages);
        // A missing or unreadable image kept under SkipBadImages is left out by the view when a cursor reaches it.
        string? maskPath = withMask ? MaskPathFor(imagePath) : null;
        if (maskPath is not null && exists && options.VerifyImagesExist && !File.Exists(maskPath))
        {
            throw new FileNotFoundException(
                $"{file}, line {lineNumber}: the split has object masks, so expected the mask '{maskPath}' of image " +
                $"'{Path.GetFileName(imagePath)}' to exist but it was not found (masks/<image name>.png beside the images folder).",
                maskPath);
        }

        return new TinyImageNetRecord(imagePath, cls.Wnid, cls.Name, box.XMin, box.YMin, box.XMax, box.YMax, maskPath);
    }

    /// <summary>Reads the image's size from its header and refuses a box outside it (never skipped: a wrong box is worse than none).</summary>
    internal static void CheckBoxInsideImage(string imagePath, PixelBox box, string file, int lineNumber, bool skipBadImages)
    {
        var (width, height, problem) = ImageHeader.Read(imagePath);
        if (problem is not null)
        {
            if (skipBadImages)
                return; // the view's file check leaves it out and reports it
            throw DataFileErrors.Invalid(file, lineNumber,
                $"expected a readable image '{imagePath}' but {problem} (skip such images with SkipBadImages, CLI --skip-bad-images)");
        }
        if (box.OutsideProblem(width, height) is { } outside)
            throw DataFileErrors.Invalid(file, lineNumber, $"{outside}, in image '{imagePath}'");
    }
}
