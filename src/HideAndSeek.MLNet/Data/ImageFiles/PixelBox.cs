namespace HideAndSeek.Data.ImageFiles;

/// <summary>An object box in 0-based inclusive pixel coordinates (the box covers columns XMin..XMax, rows YMin..YMax).</summary>
internal readonly record struct PixelBox(int XMin, int YMin, int XMax, int YMax)
{
    /// <summary>Covered pixels (inclusive on both ends).</summary>
    public int Area => (XMax - XMin + 1) * (YMax - YMin + 1);

    /// <summary>
    /// Null when the box lies inside a <paramref name="width"/> x <paramref name="height"/> photo; otherwise what is
    /// wrong, in words, for an error message.
    /// </summary>
    public string? OutsideProblem(int width, int height)
    {
        if (XMax < width && YMax < height)
            return null;
        string side = XMax >= width ? $"xmax {XMax} >= width {width}" : $"ymax {YMax} >= height {height}";
        return $"expected the box ({XMin}, {YMin}, {XMax}, {YMax}) inside the {width} x {height} image " +
               $"(at most {width - 1}, {height - 1}: 0-based inclusive pixels) but found {side}";
    }

    /// <summary>Appends the box's four coordinates as singles (the <c>Box</c> column's layout).</summary>
    public void AppendTo(List<float> values)
    {
        values.Add(XMin);
        values.Add(YMin);
        values.Add(XMax);
        values.Add(YMax);
    }
}
