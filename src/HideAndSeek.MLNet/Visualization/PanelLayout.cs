namespace HideAndSeek.Visualization;

/// <summary>
/// Geometry of a localisation panel: a header line of tile titles, then four tiles side by side (image, heatmap,
/// overlay, boxes), each the image enlarged <see cref="Scale"/> times, with <see cref="Margin"/> pixels around them.
/// </summary>
/// <param name="ImageHeight">Image height in pixels.</param>
/// <param name="ImageWidth">Image width in pixels.</param>
/// <param name="Scale">Enlargement factor.</param>
internal readonly record struct PanelLayout(int ImageHeight, int ImageWidth, int Scale)
{
    /// <summary>Number of tiles in a panel.</summary>
    public const int Tiles = 4;

    /// <summary>Tile index of the raw image.</summary>
    public const int ImageTile = 0;

    /// <summary>Tile index of the jet heatmap.</summary>
    public const int HeatmapTile = 1;

    /// <summary>Tile index of the overlay with the class names.</summary>
    public const int OverlayTile = 2;

    /// <summary>Tile index of the image with the boxes.</summary>
    public const int BoxTile = 3;

    /// <summary>Pixels between tiles and around the panel.</summary>
    public const int Margin = 4;

    /// <summary>
    /// Scale of the bitmap font: about 16 characters across a tile (2 for the usual 256 px tiles), at most 4, and no
    /// taller than a quarter of a tile, so that captions stay readable without burying small images.
    /// </summary>
    public int TextScale => Math.Max(1, Math.Min(Math.Min(TileWidth / (BitmapFont.Advance * 16), 4), TileHeight / (4 * BitmapFont.GlyphHeight)));

    /// <summary>Tile width in pixels.</summary>
    public int TileWidth => ImageWidth * Scale;

    /// <summary>Tile height in pixels.</summary>
    public int TileHeight => ImageHeight * Scale;

    /// <summary>Height of the title line above the tiles.</summary>
    public int HeaderHeight => BitmapFont.GlyphHeight * TextScale + 2 * Margin;

    /// <summary>Width of the whole panel.</summary>
    public int Width => Tiles * TileWidth + (Tiles + 1) * Margin;

    /// <summary>Height of the whole panel.</summary>
    public int Height => HeaderHeight + TileHeight + Margin;

    /// <summary>Left edge of tile <paramref name="tile"/>.</summary>
    public int TileLeft(int tile) => Margin + tile * (TileWidth + Margin);

    /// <summary>Top edge of every tile.</summary>
    public int TileTop => HeaderHeight;

    /// <summary>Thickness of box outlines: half the scale (at most 4 px), so a box stays visible but covers at most half an image pixel.</summary>
    public int BoxThickness => Math.Clamp(Scale / 2, 1, 4);
}
