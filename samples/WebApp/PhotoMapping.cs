namespace HideAndSeek.WebApp;

/// <summary>
/// Model pixels from photo pixels: <c>model = photo * scale - offset</c> on each axis (the resize's scale, and the
/// crop or pad offset in model pixels).
/// </summary>
internal sealed record PhotoMapping(double ScaleX, double ScaleY, double OffsetX, double OffsetY, int ModelWidth, int ModelHeight,
    int PhotoWidth, int PhotoHeight)
{
    /// <summary>A box of inclusive model pixels as the photo pixels it covers, clamped to the photo.</summary>
    public PhotoBox ToPhoto(ReadOnlySpan<float> modelBox)
    {
        if (modelBox.Length < 4)
            return new PhotoBox(0, 0, PhotoWidth - 1, PhotoHeight - 1);
        int xmin = (int)Math.Floor((modelBox[0] + OffsetX) / ScaleX);
        int ymin = (int)Math.Floor((modelBox[1] + OffsetY) / ScaleY);
        // The far edge of the last model pixel, back in photo pixels, less one for the inclusive corner.
        int xmax = (int)Math.Ceiling((modelBox[2] + 1 + OffsetX) / ScaleX) - 1;
        int ymax = (int)Math.Ceiling((modelBox[3] + 1 + OffsetY) / ScaleY) - 1;
        return new PhotoBox(Math.Clamp(xmin, 0, PhotoWidth - 1), Math.Clamp(ymin, 0, PhotoHeight - 1),
            Math.Clamp(xmax, 0, PhotoWidth - 1), Math.Clamp(ymax, 0, PhotoHeight - 1));
    }

    /// <summary>The model pixel that photo pixel (x, y) fell into, or false where the resize cropped it away.</summary>
    public bool TryModelPixel(int x, int y, out int modelX, out int modelY)
    {
        modelX = (int)Math.Floor((x + 0.5) * ScaleX - OffsetX);
        modelY = (int)Math.Floor((y + 0.5) * ScaleY - OffsetY);
        return modelX >= 0 && modelY >= 0 && modelX < ModelWidth && modelY < ModelHeight;
    }
}
