using HideAndSeek.Data.ImageFiles;
using System.Globalization;

namespace HideAndSeek.Data.TinyImageNet;

/// <summary>
/// Parses one line of a Tiny ImageNet annotation file. Every failure is an <see cref="InvalidDataException"/> that
/// names the file, the 1-based line and what was expected; nothing else may escape (the fuzz test holds it to that).
/// </summary>
internal static class TinyImageNetAnnotationParser
{
    private static readonly string[] TrainFields = ["file", "xmin", "ymin", "xmax", "ymax"];
    private static readonly string[] ValidationFields = ["file", "wnid", "xmin", "ymin", "xmax", "ymax"];
    private static readonly char[] InvalidFileNameChars = Path.GetInvalidFileNameChars().Union(['/', '\\']).ToArray();

    /// <summary>
    /// Parses <c>file TAB xmin TAB ymin TAB xmax TAB ymax</c> (a line of <c>&lt;wnid&gt;_boxes.txt</c>); coordinates must be
    /// below <paramref name="imageSize"/> when it is given (else the caller checks them against the image's header).
    /// </summary>
    public static (string FileName, PixelBox Box) ParseTrainLine(string line, string file, int lineNumber, int? imageSize)
    {
        var fields = Split(line, TrainFields, file, lineNumber);
        return (ParseFileName(fields[0], file, lineNumber), ParseBox(fields, 1, file, lineNumber, imageSize));
    }

    /// <summary>Parses <c>file TAB wnid TAB xmin TAB ymin TAB xmax TAB ymax</c> (a line of <c>val_annotations.txt</c>).</summary>
    public static (string FileName, string Wnid, PixelBox Box) ParseValidationLine(
        string line, string file, int lineNumber, int? imageSize)
    {
        var fields = Split(line, ValidationFields, file, lineNumber);
        string name = ParseFileName(fields[0], file, lineNumber);
        string wnid = fields[1];
        if (!IsValidWnid(wnid))
        {
            throw DataFileErrors.Invalid(file, lineNumber,
                $"expected a class id (wnid) without spaces or path separators in field 2 but found {DataFileErrors.Quote(wnid)}");
        }

        return (name, wnid, ParseBox(fields, 2, file, lineNumber, imageSize));
    }

    /// <summary>A wnid names a folder, so it must be a plain, non-empty file name without white space.</summary>
    public static bool IsValidWnid(string wnid) =>
        wnid.Length > 0 && wnid != "." && wnid != ".." &&
        !wnid.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || InvalidFileNameChars.Contains(c));

    private static string[] Split(string line, string[] names, string file, int lineNumber)
    {
        var fields = line.Split('\t');
        if (fields.Length != names.Length)
        {
            throw DataFileErrors.Invalid(file, lineNumber,
                $"expected {names.Length} TAB-separated fields ({string.Join(", ", names)}) but found {fields.Length}: {DataFileErrors.Quote(line)}");
        }

        return fields;
    }

    private static string ParseFileName(string name, string file, int lineNumber)
    {
        // The name is joined to a folder: anything that could leave it (separators, "..") is refused.
        if (name.Length == 0 || name == "." || name == ".." || name.IndexOfAny(InvalidFileNameChars) >= 0 ||
            name.Any(char.IsControl))
        {
            throw DataFileErrors.Invalid(file, lineNumber,
                $"expected an image file name (no path separators) in field 1 but found {DataFileErrors.Quote(name)}");
        }

        return name;
    }

    private static PixelBox ParseBox(string[] fields, int first, string file, int lineNumber, int? imageSize)
    {
        int xMin = ParseCoordinate(fields, first, "xmin", file, lineNumber, imageSize);
        int yMin = ParseCoordinate(fields, first + 1, "ymin", file, lineNumber, imageSize);
        int xMax = ParseCoordinate(fields, first + 2, "xmax", file, lineNumber, imageSize);
        int yMax = ParseCoordinate(fields, first + 3, "ymax", file, lineNumber, imageSize);
        if (xMin > xMax)
            throw DataFileErrors.Invalid(file, lineNumber, $"expected xmin <= xmax but found xmin {xMin} > xmax {xMax}");
        if (yMin > yMax)
            throw DataFileErrors.Invalid(file, lineNumber, $"expected ymin <= ymax but found ymin {yMin} > ymax {yMax}");
        return new PixelBox(xMin, yMin, xMax, yMax);
    }

    private static int ParseCoordinate(string[] fields, int index, string name, string file, int lineNumber, int? imageSize)
    {
        string text = fields[index];
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            throw DataFileErrors.Invalid(file, lineNumber,
                $"expected an integer {name} in field {index + 1} but found {DataFileErrors.Quote(text)}");
        }

        if (value < 0)
            throw DataFileErrors.Invalid(file, lineNumber, $"expected a non-negative {name} but found {value}");
        if (value >= imageSize)
        {
            throw DataFileErrors.Invalid(file, lineNumber,
                $"expected {name} inside the {imageSize} x {imageSize} image (at most {imageSize - 1}, inclusive pixels) but found {value}");
        }

        return value;
    }
}
