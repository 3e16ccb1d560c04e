namespace HideAndSeek.Boxes;

/// <summary>One border found by <see cref="ContourTracer"/>.</summary>
/// <param name="IsHole">True for the border of a hole (a 4-connected background region enclosed by foreground).</param>
/// <param name="Parent">Index, in the same output list, of the enclosing border; -1 for a top-level outer border.</param>
/// <param name="MinX">Smallest column of the border's pixels.</param>
/// <param name="MinY">Smallest row of the border's pixels.</param>
/// <param name="MaxX">Largest column of the border's pixels.</param>
/// <param name="MaxY">Largest row of the border's pixels.</param>
/// <param name="TwiceArea">Twice the absolute shoelace area of the closed polygon through the border's pixel centres.</param>
/// <param name="Points">The traced chain as (x, y) pairs, x at even and y at odd positions.</param>
internal sealed record TracedContour(bool IsHole, int Parent, int MinX, int MinY, int MaxX, int MaxY, long TwiceArea, int[] Points)
{
    /// <summary>The polygon area, as <c>cv2.contourArea</c> reports it (absolute value).</summary>
    public double Area => TwiceArea / 2.0;
}
