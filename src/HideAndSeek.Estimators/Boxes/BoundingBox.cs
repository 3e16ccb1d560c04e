namespace HideAndSeek.Boxes;

/// <summary>
/// An axis-aligned box in inclusive pixel coordinates: the box covers the pixels with
/// <c>XMin &lt;= x &lt;= XMax</c> and <c>YMin &lt;= y &lt;= YMax</c>, so a one-pixel box has
/// <c>XMin == XMax</c>, <c>YMin == YMax</c> and an area of 1.
/// </summary>
/// <remarks>
/// A box with <c>XMax &lt; XMin</c> or <c>YMax &lt; YMin</c> is empty (<see cref="IsEmpty"/>): it covers no pixel,
/// has zero width, height and area, and an IoU of 0 with every box. <see cref="Empty"/> is the canonical empty box.
/// </remarks>
/// <param name="XMin">Leftmost covered column.</param>
/// <param name="YMin">Topmost covered row.</param>
/// <param name="XMax">Rightmost covered column (inclusive).</param>
/// <param name="YMax">Bottom covered row (inclusive).</param>
public readonly record struct BoundingBox(int XMin, int YMin, int XMax, int YMax)
{
    /// <summary>The canonical empty box <c>(0, 0, -1, -1)</c>: what the tight convention returns for an empty foreground.</summary>
    public static BoundingBox Empty { get; } = new(0, 0, -1, -1);

    /// <summary>True when the box covers no pixel (<c>XMax &lt; XMin</c> or <c>YMax &lt; YMin</c>).</summary>
    public bool IsEmpty => XMax < XMin || YMax < YMin;

    /// <summary>Number of covered columns, <c>XMax - XMin + 1</c>; 0 for an empty box.</summary>
    public int Width => IsEmpty ? 0 : XMax - XMin + 1;

    /// <summary>Number of covered rows, <c>YMax - YMin + 1</c>; 0 for an empty box.</summary>
    public int Height => IsEmpty ? 0 : YMax - YMin + 1;

    /// <summary>Number of covered pixels, <c>Width * Height</c>; 0 for an empty box.</summary>
    public long Area => (long)Width * Height;

    /// <summary>
    /// Intersection over union with inclusive pixels, as in the design and in wsolevaluation's
    /// <c>calculate_multiple_iou</c>: <c>inter = max(0, min(x1) - max(x0) + 1) * max(0, min(y1) - max(y0) + 1)</c>,
    /// <c>union = area(a) + area(b) - inter</c>, IoU = inter / union (as a double division).
    /// </summary>
    /// <returns>A value in [0, 1]; 0 when either box is empty (a degenerate union counts as no overlap, as in wsolevaluation).</returns>
    public static double IoU(BoundingBox a, BoundingBox b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return 0.0;
        }

        long interW = Math.Max(0L, (long)Math.Min(a.XMax, b.XMax) - Math.Max(a.XMin, b.XMin) + 1);
        long interH = Math.Max(0L, (long)Math.Min(a.YMax, b.YMax) - Math.Max(a.YMin, b.YMin) + 1);
        long inter = interW * interH;
        long union = a.Area + b.Area - inter;
        return union <= 0 ? 0.0 : (double)inter / union;
    }

    /// <summary>Best IoU of <paramref name="box"/> against any of <paramref name="others"/> (0 when there are none).</summary>
    public static double MaxIoU(BoundingBox box, ReadOnlySpan<BoundingBox> others)
    {
        double best = 0.0;
        foreach (var other in others)
        {
            double iou = IoU(box, other);
            if (iou > best)
            {
                best = iou;
            }
        }

        return best;
    }

    /// <summary>
    /// Reads a box from four floats <c>(xMin, yMin, xMax, yMax)</c> in inclusive pixel coordinates (the layout of the
    /// <c>Box</c> column), rounding each to the nearest integer (halves away from zero).
    /// </summary>
    /// <exception cref="ArgumentException">The span does not hold exactly four values, or a value is not finite or does not fit an <see cref="int"/>.</exception>
    public static BoundingBox FromFloats(ReadOnlySpan<float> xyxy)
    {
        if (xyxy.Length != 4)
        {
            throw new ArgumentException($"A box needs exactly 4 values (xMin, yMin, xMax, yMax); got {xyxy.Length}.", nameof(xyxy));
        }

        return new BoundingBox(ToCoordinate(xyxy[0]), ToCoordinate(xyxy[1]), ToCoordinate(xyxy[2]), ToCoordinate(xyxy[3]));
    }

    /// <summary>The box as four floats <c>(XMin, YMin, XMax, YMax)</c>, the inverse of <see cref="FromFloats"/>.</summary>
    public float[] ToFloats() => [XMin, YMin, XMax, YMax];

    /// <summary>Writes <c>(XMin, YMin, XMax, YMax)</c> into the first four elements of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> holds fewer than four elements.</exception>
    public void ToFloats(Span<float> destination)
    {
        if (destination.Length < 4)
        {
            throw new ArgumentException("The destination needs room for 4 values.", nameof(destination));
        }

        destination[0] = XMin;
        destination[1] = YMin;
        destination[2] = XMax;
        destination[3] = YMax;
    }

    /// <summary>True when the box is non-empty and lies inside an image of the given size.</summary>
    public bool IsInside(int imageWidth, int imageHeight) =>
        !IsEmpty && XMin >= 0 && YMin >= 0 && XMax < imageWidth && YMax < imageHeight;

    /// <summary>
    /// The part of the box inside an image of the given size (coordinates clamped to <c>[0, width-1]</c> and
    /// <c>[0, height-1]</c>); <see cref="Empty"/> when the box is empty or lies wholly outside.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public BoundingBox Clip(int imageWidth, int imageHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageHeight);
        if (IsEmpty || XMax < 0 || YMax < 0 || XMin >= imageWidth || YMin >= imageHeight)
        {
            return Empty;
        }

        return new BoundingBox(
            Math.Max(XMin, 0),
            Math.Max(YMin, 0),
            Math.Min(XMax, imageWidth - 1),
            Math.Min(YMax, imageHeight - 1));
    }

    /// <summary>
    /// A box centred in the image that covers about <paramref name="areaFraction"/> of its area (the centre-box
    /// baseline). Each side is scaled by <c>sqrt(areaFraction)</c>: <c>w = clamp(round(width * sqrt(f)), 1, width)</c>,
    /// <c>XMin = (width - w) / 2</c> (integer division, so an odd remainder puts the extra pixel on the right),
    /// <c>XMax = XMin + w - 1</c>; rows likewise.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the fraction is not in (0, 1].</exception>
    public static BoundingBox CentredBox(int imageWidth, int imageHeight, double areaFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageHeight);
        if (!(areaFraction > 0.0 && areaFraction <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(areaFraction), areaFraction, "The area fraction must be in (0, 1].");
        }

        double sideScale = Math.Sqrt(areaFraction);
        int w = Math.Clamp((int)Math.Round(imageWidth * sideScale, MidpointRounding.AwayFromZero), 1, imageWidth);
        int h = Math.Clamp((int)Math.Round(imageHeight * sideScale, MidpointRounding.AwayFromZero), 1, imageHeight);
        int x0 = (imageWidth - w) / 2;
        int y0 = (imageHeight - h) / 2;
        return new BoundingBox(x0, y0, x0 + w - 1, y0 + h - 1);
    }

    private static int ToCoordinate(float value)
    {
        double rounded = Math.Round((double)value, MidpointRounding.AwayFromZero);
        if (!double.IsFinite(rounded) || rounded > int.MaxValue || rounded < int.MinValue)
        {
            throw new ArgumentException($"Box coordinate {value} is not finite or does not fit an int.", nameof(value));
        }

        return (int)rounded;
    }
}
