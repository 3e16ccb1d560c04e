using HideAndSeek.Boxes;

namespace HideAndSeek.Photos;

/// <summary>
/// Where a photo lies in the network's input after ML.NET's resize: on each axis
/// <c>network = photo * Scale + Offset</c> in continuous coordinates (pixel i spans [i, i + 1)). Reproduces ML.NET's
/// MLImage resize exactly: single-precision aspect, the drawn rectangle's size and offset truncated to integers, so the
/// scale is the drawn size over the photo's size rather than the nominal aspect.
/// </summary>
public sealed record PhotoFrame
{
    private PhotoFrame(int photoWidth, int photoHeight, int networkWidth, int networkHeight, PhotoResizing resizing,
        int drawnX, int drawnY, int drawnWidth, int drawnHeight)
    {
        PhotoWidth = photoWidth;
        PhotoHeight = photoHeight;
        NetworkWidth = networkWidth;
        NetworkHeight = networkHeight;
        Resizing = resizing;
        OffsetX = drawnX;
        OffsetY = drawnY;
        ScaleX = (double)drawnWidth / photoWidth;
        ScaleY = (double)drawnHeight / photoHeight;
    }

    /// <summary>The largest photo accepted anywhere a photo is read: 100 megapixels (about 400 MB once decoded).</summary>
    public const long MaxPhotoPixels = 100_000_000;

    /// <summary>Photo width in pixels.</summary>
    public int PhotoWidth { get; }

    /// <summary>Photo height in pixels.</summary>
    public int PhotoHeight { get; }

    /// <summary>Network input width in pixels.</summary>
    public int NetworkWidth { get; }

    /// <summary>Network input height in pixels.</summary>
    public int NetworkHeight { get; }

    /// <summary>How the photo was resized.</summary>
    public PhotoResizing Resizing { get; }

    /// <summary>Network pixels per photo pixel along x.</summary>
    public double ScaleX { get; }

    /// <summary>Network pixels per photo pixel along y.</summary>
    public double ScaleY { get; }

    /// <summary>Where the photo's left edge lies in network pixels (negative: cropped, positive: padded).</summary>
    public double OffsetX { get; }

    /// <summary>Where the photo's top edge lies in network pixels.</summary>
    public double OffsetY { get; }

    /// <summary>Whether the photo and the network input are the same pixels (no resize happened).</summary>
    public bool IsIdentity => ScaleX == 1 && ScaleY == 1 && OffsetX == 0 && OffsetY == 0;

    /// <summary>The frame of a photo resized to the network's input as ML.NET's <c>ResizeImages</c> does it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the mode is unknown.</exception>
    public static PhotoFrame Create(int photoWidth, int photoHeight, int networkWidth, int networkHeight, PhotoResizing resizing)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(photoWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(photoHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(networkWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(networkHeight, 1);
        if (resizing == PhotoResizing.Stretch)
            return new PhotoFrame(photoWidth, photoHeight, networkWidth, networkHeight, resizing, 0, 0, networkWidth, networkHeight);
        if (resizing is not (PhotoResizing.Crop or PhotoResizing.Pad))
            throw new ArgumentOutOfRangeException(nameof(resizing), resizing, "Unknown resizing mode.");

        // Single precision and truncation toward zero, as ML.NET computes the rectangle it draws the photo into.
        float widthAspect = (float)networkWidth / photoWidth;
        float heightAspect = (float)networkHeight / photoHeight;
        bool fitsHeight = heightAspect < widthAspect;
        float aspect = resizing == PhotoResizing.Pad
            ? (fitsHeight ? heightAspect : widthAspect)
            : (fitsHeight ? widthAspect : heightAspect);
        int x = 0, y = 0;
        // Pad centres along the axis with room to spare, crop along the axis that overhangs: in both cases the axis
        // whose aspect was not chosen.
        bool offsetAlongX = resizing == PhotoResizing.Pad ? fitsHeight : !fitsHeight;
        if (offsetAlongX)
            x = (int)((networkWidth - (photoWidth * aspect)) / 2);
        else
            y = (int)((networkHeight - (photoHeight * aspect)) / 2);
        int width = (int)(photoWidth * aspect);
        int height = (int)(photoHeight * aspect);
        return new PhotoFrame(photoWidth, photoHeight, networkWidth, networkHeight, resizing, x, y, Math.Max(width, 1), Math.Max(height, 1));
    }

    /// <summary>
    /// The frame described by a <c>PhotoGeometry</c> value (photo width, photo height, <see cref="PhotoResizing"/>
    /// code) for a network input of <paramref name="networkWidth"/> x <paramref name="networkHeight"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not a valid geometry.</exception>
    public static PhotoFrame FromGeometry(ReadOnlySpan<float> geometry, int networkWidth, int networkHeight)
    {
        if (geometry.Length != 3 || !(geometry[0] >= 1) || !(geometry[1] >= 1) || geometry[0] != MathF.Floor(geometry[0])
            || geometry[1] != MathF.Floor(geometry[1]) || !Enum.IsDefined((PhotoResizing)(int)geometry[2]) || geometry[2] != MathF.Floor(geometry[2]))
        {
            throw new ArgumentException($"Not a photo geometry (width, height, resizing code): [{string.Join(", ", geometry.ToArray())}].", nameof(geometry));
        }
        return Create((int)geometry[0], (int)geometry[1], networkWidth, networkHeight, (PhotoResizing)(int)geometry[2]);
    }

    /// <summary>The <c>PhotoGeometry</c> value of a photo: width, height, resizing code.</summary>
    public static float[] Geometry(int photoWidth, int photoHeight, PhotoResizing resizing) => [photoWidth, photoHeight, (float)resizing];

    /// <summary>
    /// The photo pixels an inclusive box of network pixels covers, clipped to the photo; <see cref="BoundingBox.Empty"/>
    /// when the box is empty or lies wholly on padding.
    /// </summary>
    public BoundingBox ToPhoto(BoundingBox networkBox)
    {
        if (networkBox.IsEmpty)
            return BoundingBox.Empty;
        // The box's outer edges in network coordinates, back to photo coordinates; a photo pixel is in the box when
        // any of it is (a small tolerance keeps exact edges from spilling into the neighbouring pixel).
        const double Tolerance = 1e-9;
        int xmin = (int)Math.Floor(((networkBox.XMin - OffsetX) / ScaleX) + Tolerance);
        int ymin = (int)Math.Floor(((networkBox.YMin - OffsetY) / ScaleY) + Tolerance);
        int xmax = (int)Math.Ceiling(((networkBox.XMax + 1 - OffsetX) / ScaleX) - Tolerance) - 1;
        int ymax = (int)Math.Ceiling(((networkBox.YMax + 1 - OffsetY) / ScaleY) - Tolerance) - 1;
        var box = new BoundingBox(Math.Max(xmin, 0), Math.Max(ymin, 0), Math.Min(xmax, PhotoWidth - 1), Math.Min(ymax, PhotoHeight - 1));
        return box.IsEmpty ? BoundingBox.Empty : box;
    }

    /// <summary>
    /// The network pixels an inclusive box of photo pixels covers, clipped to the network input;
    /// <see cref="BoundingBox.Empty"/> when the box was cropped away.
    /// </summary>
    public BoundingBox ToNetwork(BoundingBox photoBox)
    {
        if (photoBox.IsEmpty)
            return BoundingBox.Empty;
        const double Tolerance = 1e-9;
        int xmin = (int)Math.Floor((photoBox.XMin * ScaleX) + OffsetX + Tolerance);
        int ymin = (int)Math.Floor((photoBox.YMin * ScaleY) + OffsetY + Tolerance);
        int xmax = (int)Math.Ceiling(((photoBox.XMax + 1) * ScaleX) + OffsetX - Tolerance) - 1;
        int ymax = (int)Math.Ceiling(((photoBox.YMax + 1) * ScaleY) + OffsetY - Tolerance) - 1;
        var box = new BoundingBox(Math.Max(xmin, 0), Math.Max(ymin, 0), Math.Min(xmax, NetworkWidth - 1), Math.Min(ymax, NetworkHeight - 1));
        return box.IsEmpty ? BoundingBox.Empty : box;
    }

    /// <summary>
    /// The network pixel whose area holds photo pixel (x, y)'s centre; false where the resize cropped it away.
    /// Drawing a heatmap at the photo's size reads the heatmap here.
    /// </summary>
    public bool TryNetworkPixel(int photoX, int photoY, out int networkX, out int networkY)
    {
        networkX = (int)Math.Floor(((photoX + 0.5) * ScaleX) + OffsetX);
        networkY = (int)Math.Floor(((photoY + 0.5) * ScaleY) + OffsetY);
        return networkX >= 0 && networkY >= 0 && networkX < NetworkWidth && networkY < NetworkHeight;
    }

    /// <summary>
    /// The photo pixel under network pixel (x, y)'s centre; false on padding. Masks at the photo's size are sampled
    /// here to score a network-size heatmap.
    /// </summary>
    public bool TryPhotoPixel(int networkX, int networkY, out int photoX, out int photoY)
    {
        double x = ((networkX + 0.5) - OffsetX) / ScaleX;
        double y = ((networkY + 0.5) - OffsetY) / ScaleY;
        photoX = (int)Math.Floor(x);
        photoY = (int)Math.Floor(y);
        return x >= 0 && y >= 0 && photoX < PhotoWidth && photoY < PhotoHeight;
    }
}
