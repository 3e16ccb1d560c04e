using HideAndSeek.Data.ImageFiles;

namespace HideAndSeek.Data.Manifest;

/// <summary>
/// Reads a CSV or TSV image manifest: a header row, then one row per object box.
/// <code>
/// image,label,xmin,ymin,xmax,ymax[,split][,mask][,width,height][,head_xmin,head_ymin,head_xmax,head_ymax][,...]
/// images/ant/image_0001.jpg,ant,24,18,261,188,train
/// </code>
/// </summary>
/// <remarks>
/// <para>Columns are found by name (case-insensitive), in any order; <c>image</c> and <c>label</c> are required, the
/// four box columns come all or none (so do <c>width,height</c> and the part-box columns), other columns are ignored.
/// Fields may be quoted (<c>"a,b"</c>); a quoted field cannot span lines. Empty lines are ignored.</para>
/// <para>Image (and mask) paths are relative to the manifest's folder, or absolute. An image may have any number of
/// rows, one per box; its rows are grouped into one view row, in the order images first appear, and must agree on
/// label, split and mask. A row with all four box fields empty adds no box (an image without a box then has an empty
/// <c>Box</c>). Boxes are 0-based inclusive pixels of the photo: xmin..xmax columns, ymin..ymax rows.</para>
/// <para>Each selected image's size is read from its file header (no decoding; under
/// <see cref="ImageDatasetOptions.VerifyImagesExist"/>) and every box is checked against it, and against
/// <c>width,height</c> when the manifest states them.</para>
/// <para>Errors (<see cref="InvalidDataException"/>, or <see cref="FileNotFoundException"/> for a missing file; each
/// names the manifest, the 1-based line and what was expected, never skipped): an empty manifest or one without data
/// rows, a missing <c>image</c>/<c>label</c> column, a partial column group, a repeated column name, a row with the
/// wrong number of fields, a malformed or negative number, a fractional coordinate, xmax &lt; xmin or ymax &lt; ymin,
/// a box outside its photo or a size that disagrees with the photo, rows of one image that disagree, a missing mask,
/// a split asked of a manifest without a split column or that no row has. A missing or unreadable image is an error
/// too unless <see cref="ImageDatasetOptions.SkipBadImages"/> is on: the row is then left out when a cursor reaches
/// it and reported once.</para>
/// </remarks>
internal static class ImageManifestReader
{
    internal const string MasksFolderName = "masks";
    private const string ImagesFolderName = "images";

    public static IReadOnlyList<AnnotatedImage> Read(string manifest, ImageManifestOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        options ??= new ImageManifestOptions();
        options.Validate();
        string file = Path.GetFullPath(manifest);
        if (!File.Exists(file))
            throw new FileNotFoundException($"Image manifest '{file}' does not exist.", file);
        string folder = Path.GetDirectoryName(file)!;

        var (header, images) = ReadRows(file, folder, options);
        var selected = Select(images, header, file, options);
        string? masks = header.Mask is null && options.DetectMasks && Directory.Exists(Path.Combine(folder, MasksFolderName))
            ? Path.Combine(folder, MasksFolderName) : null;
        return selected.Select(i => Finish(i, header, folder, masks, file, options)).ToList();
    }

    /// <summary>The manifest's images with their boxes, in first-appearance order, all rows checked.</summary>
    private static (ManifestHeader Header, List<ManifestImage> Images) ReadRows(string file, string folder, ImageManifestOptions options)
    {
        ManifestHeader? header = null;
        char delimiter = options.Delimiter ?? ',';
        var images = new List<ManifestImage>();
        var byPath = new Dictionary<string, ManifestImage>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string line in File.ReadLines(file))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
                continue;
            if (header is null)
            {
                delimiter = options.Delimiter ?? DelimiterFor(file, line);
                header = ManifestHeader.Parse(line, delimiter, options.PartBoxColumnPrefix, file, lineNumber);
                continue;
            }
            var row = ManifestRowParser.Parse(header, line, delimiter, file, lineNumber);
            // Rows name one image when they resolve to one file ("a.jpg" and "./a.jpg").
            string key = ResolvePath(folder, row.Image, file, lineNumber);
            if (byPath.TryGetValue(key, out var image))
            {
                image.Add(row, file, lineNumber);
            }
            else
            {
                image = new ManifestImage(row, lineNumber);
                byPath.Add(key, image);
                images.Add(image);
            }
        }
        if (header is null)
        {
            throw DataFileErrors.Invalid(file,
                "expected a header row (image,label[,xmin,ymin,xmax,ymax]...) and data rows but the manifest is empty");
        }

        if (images.Count == 0)
            throw DataFileErrors.Invalid(file, "expected at least one data row after the header but found none");
        return (header, images);
    }

    private static string ResolvePath(string folder, string path, string file, int lineNumber)
    {
        try
        {
            return Path.GetFullPath(Path.Combine(folder, path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw DataFileErrors.Invalid(file, lineNumber, $"expected a file path but found {DataFileErrors.Quote(path)} ({e.Message})");
        }
    }

    private static char DelimiterFor(string file, string header)
    {
        string extension = Path.GetExtension(file).ToLowerInvariant();
        if (extension is ".tsv" or ".tab")
            return '\t';
        if (extension == ".csv")
            return ',';
        return header.Contains('\t') ? '\t' : ',';
    }

    private static List<ManifestImage> Select(List<ManifestImage> images, ManifestHeader header, string file, ImageManifestOptions options)
    {
        IEnumerable<ManifestImage> selected = images;
        if (options.Split is string split)
        {
            if (header.Split is null)
            {
                throw DataFileErrors.Invalid(file,
                    $"expected a '{ManifestHeader.SplitColumn}' column since split '{split}' was asked for, but the header has none " +
                    $"({string.Join(",", header.Names)}); leave Split null to read every row");
            }

            selected = selected.Where(i => i.Split == split).ToList();
            if (!selected.Any())
            {
                throw DataFileErrors.Invalid(file,
                    $"expected rows of split '{split}' but the manifest's splits are " +
                    string.Join(", ", images.Select(i => $"'{i.Split}'").Distinct()));
            }
        }
        if (options.Classes is { } classes)
        {
            var labels = images.Select(i => i.Label).ToHashSet(StringComparer.Ordinal);
            foreach (string label in classes.Where(c => !labels.Contains(c)))
                throw new ArgumentException($"{nameof(options.Classes)} names '{label}', which manifest '{file}' does not have.", nameof(options));
            var wanted = classes.ToHashSet(StringComparer.Ordinal);
            selected = selected.Where(i => wanted.Contains(i.Label));
        }
        if (options.MaxImagesPerClass is int limit)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            selected = selected.Where(i =>
            {
                int count = counts.GetValueOrDefault(i.Label);
                counts[i.Label] = count + 1;
                return count < limit;
            });
        }
        return selected.ToList();
    }

    private static AnnotatedImage Finish(ManifestImage image, ManifestHeader header, string folder, string? masksFolder,
        string file, ImageManifestOptions options)
    {
        string path = ResolvePath(folder, image.Image, file, image.Line);
        string? mask = image.Mask is not null ? ResolvePath(folder, image.Mask, file, image.Line)
            : masksFolder is not null ? DetectedMask(folder, masksFolder, path) : null;
        if (header.Mask is not null && mask is null)
        {
            throw DataFileErrors.Invalid(file, image.Line,
                $"expected a mask path in the '{ManifestHeader.MaskColumn}' column for image '{image.Image}' but it is empty");
        }

        string? problem = null;
        if (!options.VerifyImagesExist && image.StatedSize is { } stated)
            image.CheckInside(stated.Width, stated.Height, path, file);
        if (options.VerifyImagesExist)
        {
            var (width, height, headerProblem) = ImageHeader.Read(path);
            problem = headerProblem;
            if (problem is not null && !options.SkipBadImages)
            {
                string message = $"{file}, line {image.Line}: expected a readable image '{path}' but {problem} " +
                                 "(skip such images with SkipBadImages, CLI --skip-bad-images)";
                throw File.Exists(path) ? new InvalidDataException(message) : new FileNotFoundException(message, path);
            }
            if (problem is null)
            {
                image.CheckInside(width, height, path, file);
                if (mask is not null && !File.Exists(mask))
                {
                    throw new FileNotFoundException(
                        $"{file}, line {image.Line}: expected the mask '{mask}' of image '{image.Image}' to exist but it was not found" +
                        (image.Mask is null ? $" (masks are looked up because '{masksFolder}' exists: masks/<image path>.png)" : ""),
                        mask);
                }
            }
        }
        return new AnnotatedImage(path, image.Label, image.Label,
            header.Box is null ? null : image.Boxes(), mask,
            header.PartBox is null ? null : image.PartBoxes(), problem);
    }

    /// <summary><c>images/a/b.jpg</c> -> <c>masks/a/b.png</c>; any other path below the folder -> <c>masks/path.png</c>.</summary>
    private static string? DetectedMask(string folder, string masksFolder, string imagePath)
    {
        string relative = Path.GetRelativePath(folder, imagePath);
        if (Path.IsPathRooted(relative) || relative.StartsWith("..", StringComparison.Ordinal))
            return null; // outside the manifest's folder: no mask of its own can be guessed
        var parts = relative.Split(Path.DirectorySeparatorChar);
        if (parts.Length > 1 && string.Equals(parts[0], ImagesFolderName, StringComparison.OrdinalIgnoreCase))
            relative = string.Join(Path.DirectorySeparatorChar, parts[1..]);
        return Path.ChangeExtension(Path.Combine(masksFolder, relative), ".png");
    }
}
