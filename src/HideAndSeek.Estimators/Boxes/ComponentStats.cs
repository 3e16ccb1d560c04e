namespace HideAndSeek.Boxes;

/// <summary>What <see cref="ComponentForest"/> keeps per component root.</summary>
internal struct ComponentStats
{
    /// <summary>Smallest column of the component's pixels.</summary>
    public int MinX;

    /// <summary>Smallest row of the component's pixels.</summary>
    public int MinY;

    /// <summary>Largest column of the component's pixels.</summary>
    public int MaxX;

    /// <summary>Largest row of the component's pixels.</summary>
    public int MaxY;

    /// <summary>Number of pixels.</summary>
    public int Count;

    /// <summary>Twice the polygon area of the component's outer border, when the caller tracks it.</summary>
    public int TwiceArea;

    /// <summary>Raster index of the component's first pixel in raster order.</summary>
    public int First;

    /// <summary>Cached best IoU of the component's box with the ground truth; NaN when the box changed since.</summary>
    public double IoU;
}
