using HideAndSeek.Data.ImageFiles;

namespace HideAndSeek.Data.Manifest;

/// <summary>An image of a manifest with the boxes of all its rows, each remembered with its line for error messages.</summary>
internal sealed class ManifestImage
{
    private readonly List<(PixelBox Box, int Line)> _boxes = new();
    private readonly List<(PixelBox Box, int Line)> _partBoxes = new();
    private readonly (int Width, int Height)? _size;

    public ManifestImage(ManifestRow row, int line)
    {
        Image = row.Image;
        Label = row.Label;
        Split = row.Split;
        Mask = row.Mask;
        Line = line;
        _size = row.Size;
        AddBoxes(row, line);
    }

    public string Image { get; }
    public string Label { get; }
    public string? Split { get; }
    public string? Mask { get; }

    /// <summary>The size the manifest states (width, height columns), or null.</summary>
    public (int Width, int Height)? StatedSize => _size;

    /// <summary>The line where the image first appears.</summary>
    public int Line { get; }

    /// <summary>Adds another row of the same image; its label, split, mask and size must agree with the first row's.</summary>
    public void Add(ManifestRow row, string file, int line)
    {
        Agree("label", Label, row.Label, file, line);
        Agree("split", Split, row.Split, file, line);
        Agree("mask", Mask, row.Mask, file, line);
        Agree("width,height", _size?.ToString(), row.Size?.ToString(), file, line);
        AddBoxes(row, line);
    }

    /// <summary>Refuses a box outside the photo, or a stated size that is not the photo's.</summary>
    public void CheckInside(int width, int height, string path, string file)
    {
        if (_size is { } size && size != (width, height))
        {
            throw DataFileErrors.Invalid(file, Line,
                $"expected width,height {size.Width},{size.Height} to be the size of image '{path}' but its header says {width} x {height}");
        }

        foreach (var (box, line) in _boxes.Concat(_partBoxes))
        {
            if (box.OutsideProblem(width, height) is { } problem)
                throw DataFileErrors.Invalid(file, line, $"{problem}, in image '{path}'");
        }
    }

    public float[] Boxes() => Flatten(_boxes);

    public float[] PartBoxes() => Flatten(_partBoxes);

    private void AddBoxes(ManifestRow row, int line)
    {
        if (row.Box is { } box)
            _boxes.Add((box, line));
        if (row.PartBox is { } part)
            _partBoxes.Add((part, line));
    }

    private void Agree(string what, string? first, string? now, string file, int line)
    {
        if (!string.Equals(first, now, StringComparison.Ordinal))
        {
            throw DataFileErrors.Invalid(file, line,
                $"expected the rows of image '{Image}' to agree on {what} but line {Line} says {DataFileErrors.Quote(first ?? "")} and this one {DataFileErrors.Quote(now ?? "")}");
        }
    }

    private static float[] Flatten(List<(PixelBox Box, int Line)> boxes)
    {
        var values = new List<float>(boxes.Count * 4);
        foreach (var (box, _) in boxes)
            box.AppendTo(values);
        return values.ToArray();
    }
}
