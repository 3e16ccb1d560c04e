using HideAndSeek.Data.ImageFiles;
using System.Globalization;

namespace HideAndSeek.Data.Manifest;

/// <summary>
/// Parses one data row of a manifest. Every failure is an <see cref="InvalidDataException"/> that names the file, the
/// 1-based line and what was expected; nothing else may escape (the fuzz test holds it to that).
/// </summary>
internal static class ManifestRowParser
{
    public static ManifestRow Parse(ManifestHeader header, string line, char delimiter, string file, int lineNumber)
    {
        var fields = DelimitedLine.Split(line, delimiter, file, lineNumber);
        if (fields.Length != header.Names.Length)
        {
            throw DataFileErrors.Invalid(file, lineNumber,
                $"expected {header.Names.Length} fields ({string.Join(",", header.Names)}) but found {fields.Length}: {DataFileErrors.Quote(line)}");
        }

        string image = fields[header.Image];
        if (image.Length == 0 || image.Any(char.IsControl) || image.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            throw DataFileErrors.Invalid(file, lineNumber,
                $"expected an image path in column {header.Image + 1} but found {DataFileErrors.Quote(image)}");
        }

        string label = fields[header.Label];
        if (label.Length == 0)
            throw DataFileErrors.Invalid(file, lineNumber, $"expected a label in column {header.Label + 1} but it is empty");
        var size = header.Size is null ? ((int, int)?)null : ParseSize(fields, header, file, lineNumber);
        string? mask = header.Mask is int m && fields[m].Length > 0 ? fields[m] : null;
        return new ManifestRow(
            image, label,
            header.Box is null ? null : ParseBox(fields, header.Box, header.Names, file, lineNumber),
            header.PartBox is null ? null : ParseBox(fields, header.PartBox, header.Names, file, lineNumber),
            header.Split is int s ? fields[s] : null,
            mask, size);
    }

    /// <summary>A box, or null when all four fields are empty (an image without a box on this row).</summary>
    private static PixelBox? ParseBox(string[] fields, int[] columns, string[] names, string file, int lineNumber)
    {
        int empty = columns.Count(c => fields[c].Length == 0);
        if (empty == columns.Length)
            return null;
        if (empty > 0)
        {
            throw DataFileErrors.Invalid(file, lineNumber,
                $"expected all of {string.Join(",", columns.Select(c => names[c]))} or none but " +
                $"{string.Join(",", columns.Where(c => fields[c].Length == 0).Select(c => names[c]))} is empty");
        }

        int xMin = ParseWhole(fields, columns[0], names, file, lineNumber);
        int yMin = ParseWhole(fields, columns[1], names, file, lineNumber);
        int xMax = ParseWhole(fields, columns[2], names, file, lineNumber);
        int yMax = ParseWhole(fields, columns[3], names, file, lineNumber);
        if (xMin > xMax)
        {
            throw DataFileErrors.Invalid(file, lineNumber,
                $"expected {names[columns[0]]} <= {names[columns[2]]} but found {xMin} > {xMax}");
        }

        if (yMin > yMax)
        {
            throw DataFileErrors.Invalid(file, lineNumber,
                $"expected {names[columns[1]]} <= {names[columns[3]]} but found {yMin} > {yMax}");
        }

        return new PixelBox(xMin, yMin, xMax, yMax);
    }

    private static (int, int) ParseSize(string[] fields, ManifestHeader header, string file, int lineNumber)
    {
        int width = ParseWhole(fields, header.Size![0], header.Names, file, lineNumber);
        int height = ParseWhole(fields, header.Size[1], header.Names, file, lineNumber);
        if (width < 1 || height < 1)
            throw DataFileErrors.Invalid(file, lineNumber, $"expected a positive image size but found {width} x {height}");
        return (width, height);
    }

    /// <summary>A non-negative whole number; "12.0" is accepted, "12.5" is not (rounding it would move the box).</summary>
    private static int ParseWhole(string[] fields, int column, string[] names, string file, int lineNumber)
    {
        string text = fields[column];
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
                out double value) || value != Math.Floor(value) || value > int.MaxValue || value < int.MinValue)
        {
            throw DataFileErrors.Invalid(file, lineNumber,
                $"expected a whole number {names[column]} (0-based pixels) in column {column + 1} but found {DataFileErrors.Quote(text)}");
        }

        if (value < 0)
        {
            throw DataFileErrors.Invalid(file, lineNumber,
                $"expected a non-negative {names[column]} in column {column + 1} but found {DataFileErrors.Quote(text)}");
        }

        return (int)value;
    }
}
