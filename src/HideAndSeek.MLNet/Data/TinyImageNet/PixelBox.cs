namespace HideAndSeek.Data.TinyImageNet;

/// <summary>An object box in inclusive pixel coordinates, as Tiny ImageNet's annotation files write it.</summary>
internal readonly record struct PixelBox(int XMin, int YMin, int XMax, int YMax)
{
    /// <summary>Covered pixels (inclusive on both ends).</summary>
    public int Area => (XMax - XMin + 1) * (YMax - YMin + 1);
}
