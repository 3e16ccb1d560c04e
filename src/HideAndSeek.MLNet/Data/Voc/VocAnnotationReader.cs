using HideAndSeek.Data.ImageFiles;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace HideAndSeek.Data.Voc;

/// <summary>
/// Reads a folder of Pascal VOC / ImageNet bounding-box XML files, one per image, with the images in another folder:
/// <code>
/// &lt;annotation&gt;
///   &lt;filename&gt;n01440764_10026.JPEG&lt;/filename&gt;         (ImageNet leaves out the extension: .JPEG, .jpg, .jpeg, .png are tried)
///   &lt;size&gt;&lt;width&gt;250&lt;/width&gt;&lt;height&gt;250&lt;/height&gt;&lt;/size&gt;   (optional)
///   &lt;object&gt;&lt;name&gt;n01440764&lt;/name&gt;&lt;bndbox&gt;&lt;xmin&gt;1&lt;/xmin&gt;&lt;ymin&gt;1&lt;/ymin&gt;&lt;xmax&gt;250&lt;/xmax&gt;&lt;ymax&gt;250&lt;/ymax&gt;&lt;/bndbox&gt;&lt;/object&gt;
/// &lt;/annotation&gt;
/// </code>
/// </summary>
/// <remarks>
/// <para>VOC coordinates are 1-based inclusive: 1 is subtracted from each (see
/// <see cref="VocAnnotationOptions.OneBasedCoordinates"/>), so the view's boxes are 0-based inclusive pixels like
/// every other loader's. Every <c>&lt;object&gt;</c> is a box of the image (4 singles each); the label is the first
/// object's name unless <see cref="VocAnnotationOptions.Label"/> gives one.</para>
/// <para>Rows follow the ordinal order of the XML file names (<c>*.xml</c> directly in the folder). Boxes are checked
/// against the image's size from its file header (under <see cref="ImageDatasetOptions.VerifyImagesExist"/>) and
/// against <c>&lt;size&gt;</c> when given.</para>
/// <para>Errors, never skipped (<see cref="InvalidDataException"/> naming the XML file, its 1-based line and what was
/// expected): malformed XML, a missing <c>filename</c>, <c>object</c>, <c>name</c> or coordinate, a malformed,
/// fractional or out-of-range coordinate, xmax &lt; xmin, a box outside the image, a <c>&lt;size&gt;</c> that is not the
/// image's. A missing or unreadable image is an error too unless <see cref="ImageDatasetOptions.SkipBadImages"/> is on
/// (the row is then left out when a cursor reaches it, and reported once).</para>
/// </remarks>
internal static class VocAnnotationReader
{
    private static readonly string[] GuessedExtensions = [".JPEG", ".jpg", ".jpeg", ".png", ".JPG", ".PNG"];
    private static readonly string[] Coordinates = ["xmin", "ymin", "xmax", "ymax"];

    public static IReadOnlyList<AnnotatedImage> Read(string annotationFolder, string imageFolder, VocAnnotationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(annotationFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(imageFolder);
        options ??= new VocAnnotationOptions();
        options.Validate();
        string annotations = Path.GetFullPath(annotationFolder);
        string images = Path.GetFullPath(imageFolder);
        if (!Directory.Exists(annotations))
            throw new DirectoryNotFoundException($"VOC annotation folder '{annotations}' does not exist.");
        if (!Directory.Exists(images))
            throw new DirectoryNotFoundException($"Image folder '{images}' does not exist.");
        var files = Directory.GetFiles(annotations, "*.xml").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
            throw DataFileErrors.Invalid(annotations, "expected VOC annotation files (*.xml) but found none");

        var rows = files.Select(f => ReadFile(f, images, options)).ToList();
        if (options.Classes is { } wanted)
        {
            foreach (string label in wanted.Where(w => rows.All(r => r.Label != w)))
                throw new ArgumentException($"{nameof(options.Classes)} names '{label}', which no annotation in '{annotations}' has.", nameof(options));
            rows = rows.Where(r => wanted.Contains(r.Label)).ToList();
        }
        if (options.MaxImagesPerClass is not int limit)
            return rows;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        return rows.Where(r => (counts[r.Label] = counts.GetValueOrDefault(r.Label) + 1) <= limit).ToList();
    }

    private static AnnotatedImage ReadFile(string file, string imageFolder, VocAnnotationOptions options)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(file, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw DataFileErrors.Invalid(file, e.LineNumber, $"expected well-formed XML but {e.Message}");
        }
        var root = document.Root!;
        if (root.Name.LocalName != "annotation")
            throw DataFileErrors.Invalid(file, Line(root), $"expected an <annotation> root element but found <{root.Name.LocalName}>");
        var fileName = root.Element("filename");
        string name = fileName?.Value.Trim() ?? "";
        if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw DataFileErrors.Invalid(file, Line(fileName ?? root), $"expected an image file name in <filename> but found {DataFileErrors.Quote(name)}");

        var (boxes, firstName) = ReadObjects(root, file, options);
        string path = ImagePath(imageFolder, name);
        string? problem = null;
        if (options.VerifyImagesExist)
        {
            var (width, height, headerProblem) = ImageHeader.Read(path);
            problem = headerProblem;
            if (problem is not null && !options.SkipBadImages)
            {
                string message = $"{file}, line {Line(fileName!)}: expected a readable image '{path}' but {problem} " +
                                 "(skip such images with SkipBadImages, CLI --skip-bad-images)";
                throw File.Exists(path) ? new InvalidDataException(message) : new FileNotFoundException(message, path);
            }
            if (problem is null)
                CheckInside(boxes, width, height, path, file);
            if (problem is null && root.Element("size") is { } size && StatedSize(size, file) is var (w, h) && (w, h) != (width, height))
                throw DataFileErrors.Invalid(file, Line(size), $"expected <size> {w} x {h} to be the size of image '{path}' but its header says {width} x {height}");
        }
        else if (root.Element("size") is { } size)
        {
            var (w, h) = StatedSize(size, file);
            CheckInside(boxes, w, h, path, file);
        }
        var values = new List<float>(boxes.Count * 4);
        foreach (var (box, _) in boxes)
            box.AppendTo(values);
        string label = options.Label ?? firstName;
        return new AnnotatedImage(path, label, label, values.ToArray(), Problem: problem);
    }

    /// <summary>Every <c>&lt;object&gt;</c>'s box with its line, and the first object's name; at least one.</summary>
    private static (List<(PixelBox Box, int Line)> Boxes, string FirstName) ReadObjects(XElement root, string file, VocAnnotationOptions options)
    {
        var boxes = new List<(PixelBox Box, int Line)>();
        string? firstName = null;
        foreach (var item in root.Elements("object"))
        {
            var objectName = item.Element("name")?.Value.Trim();
            if (string.IsNullOrEmpty(objectName))
                throw DataFileErrors.Invalid(file, Line(item), "expected a <name> in <object>");
            firstName ??= objectName;
            var box = item.Element("bndbox") ?? throw DataFileErrors.Invalid(file, Line(item), "expected a <bndbox> in <object>");
            boxes.Add((ParseBox(box, file, options.OneBasedCoordinates), Line(box)));
        }
        if (boxes.Count == 0)
            throw DataFileErrors.Invalid(file, Line(root), "expected at least one <object> with a <bndbox>");
        return (boxes, firstName!);
    }

    private static void CheckInside(List<(PixelBox Box, int Line)> boxes, int width, int height, string path, string file)
    {
        foreach (var (box, line) in boxes)
        {
            if (box.OutsideProblem(width, height) is { } problem)
                throw DataFileErrors.Invalid(file, line, $"{problem}, in image '{path}' (after subtracting 1 from the 1-based VOC coordinates)");
        }
    }

    /// <summary>The named file, or for a name without extension (ImageNet) the first that exists with an image extension.</summary>
    private static string ImagePath(string folder, string name)
    {
        string path = Path.Combine(folder, name);
        if (File.Exists(path) || Path.HasExtension(name))
            return path;
        return GuessedExtensions.Select(e => path + e).FirstOrDefault(File.Exists) ?? path;
    }

    private static PixelBox ParseBox(XElement box, string file, bool oneBased)
    {
        var v = new int[4];
        int offset = oneBased ? 1 : 0;
        for (int i = 0; i < 4; i++)
        {
            var element = box.Element(Coordinates[i]);
            string text = element?.Value.Trim() ?? "";
            if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) ||
                value != Math.Floor(value) || value > int.MaxValue || value < offset)
            {
                throw DataFileErrors.Invalid(file, Line(element ?? box),
                    $"expected a whole number <{Coordinates[i]}> of at least {offset} ({(oneBased ? "1-based" : "0-based")} pixels) but found {DataFileErrors.Quote(text)}");
            }

            v[i] = (int)value - offset;
        }
        if (v[0] > v[2] || v[1] > v[3])
            throw DataFileErrors.Invalid(file, Line(box), $"expected xmin <= xmax and ymin <= ymax but found ({v[0] + offset}, {v[1] + offset}, {v[2] + offset}, {v[3] + offset})");
        return new PixelBox(v[0], v[1], v[2], v[3]);
    }

    private static (int Width, int Height) StatedSize(XElement size, string file)
    {
        int Read(string name)
        {
            string text = size.Element(name)?.Value.Trim() ?? "";
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 ? value
                : throw DataFileErrors.Invalid(file, Line(size), $"expected a positive whole <{name}> in <size> but found {DataFileErrors.Quote(text)}");
        }
        return (Read("width"), Read("height"));
    }

    private static int Line(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
}
