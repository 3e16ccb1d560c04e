using HideAndSeek.Data.ImageFiles;

namespace HideAndSeek.Data.Manifest;

/// <summary>Where each known column of a manifest lies, read from its header row (names are case-insensitive).</summary>
internal sealed class ManifestHeader
{
    public const string ImageColumn = "image";
    public const string LabelColumn = "label";
    public const string SplitColumn = "split";
    public const string MaskColumn = "mask";
    public const string WidthColumn = "width";
    public const string HeightColumn = "height";
    public static readonly string[] BoxColumns = ["xmin", "ymin", "xmax", "ymax"];

    private ManifestHeader(string[] names) => Names = names;

    /// <summary>The header's column names, lower case, in file order.</summary>
    public string[] Names { get; }

    public int Image { get; private init; }
    public int Label { get; private init; }

    /// <summary>Indices of xmin, ymin, xmax, ymax, or null when the manifest has no boxes.</summary>
    public int[]? Box { get; private init; }

    /// <summary>Indices of the part box's four columns (prefix + xmin ...), or null.</summary>
    public int[]? PartBox { get; private init; }

    public int? Split { get; private init; }
    public int? Mask { get; private init; }

    /// <summary>Indices of width and height, or null.</summary>
    public int[]? Size { get; private init; }

    /// <summary>Reads the header row; an unusable one is an <see cref="InvalidDataException"/> naming the file and line.</summary>
    public static ManifestHeader Parse(string line, char delimiter, string partBoxPrefix, string file, int lineNumber)
    {
        var names = DelimitedLine.Split(line, delimiter, file, lineNumber).Select(n => n.ToLowerInvariant()).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            if (names[i].Length == 0)
            {
                throw DataFileErrors.Invalid(file, lineNumber,
                    $"expected a header row naming every column but column {i + 1} has no name: {DataFileErrors.Quote(line)}");
            }

            if (!index.TryAdd(names[i], i))
            {
                throw DataFileErrors.Invalid(file, lineNumber,
                    $"expected each column name once but '{names[i]}' is columns {index[names[i]] + 1} and {i + 1}");
            }
        }
        foreach (string required in new[] { ImageColumn, LabelColumn })
        {
            if (!index.ContainsKey(required))
            {
                throw DataFileErrors.Invalid(file, lineNumber,
                    $"expected a header row with the columns image,label[,xmin,ymin,xmax,ymax] but it has no '{required}' " +
                    $"column (found {DataFileErrors.Quote(string.Join(",", names))})");
            }
        }
        return new ManifestHeader(names)
        {
            Image = index[ImageColumn],
            Label = index[LabelColumn],
            Box = Group(index, BoxColumns, file, lineNumber),
            PartBox = partBoxPrefix.Length == 0 ? null
                : Group(index, BoxColumns.Select(c => partBoxPrefix.ToLowerInvariant() + c).ToArray(), file, lineNumber),
            Split = index.TryGetValue(SplitColumn, out int split) ? split : null,
            Mask = index.TryGetValue(MaskColumn, out int mask) ? mask : null,
            Size = Group(index, [WidthColumn, HeightColumn], file, lineNumber),
        };
    }

    /// <summary>All of a group of columns, or none of it: a partial group is most likely a misspelt name.</summary>
    private static int[]? Group(Dictionary<string, int> index, string[] columns, string file, int lineNumber)
    {
        var found = columns.Where(index.ContainsKey).ToArray();
        if (found.Length == 0)
            return null;
        if (found.Length < columns.Length)
        {
            throw DataFileErrors.Invalid(file, lineNumber,
                $"expected all of the columns {string.Join(",", columns)} or none but the header lacks " +
                string.Join(",", columns.Except(found)));
        }

        return columns.Select(c => index[c]).ToArray();
    }
}
