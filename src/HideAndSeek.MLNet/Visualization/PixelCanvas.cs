using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Visualization;

/// <summary>
/// An RGBA pixel buffer with the few drawing primitives the visualisations need (filled and outlined rectangles,
/// thick lines, alpha blending, bitmap text). Everything is clipped to the canvas, so callers may draw partly outside.
/// </summary>
internal sealed class PixelCanvas
{
    private readonly Rgba32[] _pixels;

    public PixelCanvas(int width, int height, Rgba32 background)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        _pixels = new Rgba32[checked(width * height)];
        _pixels.AsSpan().Fill(background);
    }

    public int Width { get; }

    public int Height { get; }

    public Rgba32 this[int x, int y]
    {
        get => _pixels[Index(x, y)];
        set => _pixels[Index(x, y)] = value;
    }

    public bool Contains(int x, int y) => x >= 0 && y >= 0 && x < Width && y < Height;

    /// <summary>Mixes <paramref name="color"/> into the pixel: <c>(1 - alpha) * old + alpha * color</c>.</summary>
    public void Blend(int x, int y, Rgba32 color, float alpha)
    {
        if (!Contains(x, y))
            return;
        ref var old = ref _pixels[y * Width + x];
        old = Mix(old, color, alpha);
    }

    /// <summary><c>(1 - alpha) * a + alpha * b</c> per channel, rounded; opaque.</summary>
    public static Rgba32 Mix(Rgba32 a, Rgba32 b, float alpha) => new(
        MixChannel(a.R, b.R, alpha), MixChannel(a.G, b.G, alpha), MixChannel(a.B, b.B, alpha), 255);

    /// <summary>Fills the rectangle with top-left (x, y) and the given size.</summary>
    public void FillRectangle(int x, int y, int width, int height, Rgba32 color)
    {
        int x0 = Math.Max(x, 0), y0 = Math.Max(y, 0);
        int x1 = Math.Min(x + width, Width), y1 = Math.Min(y + height, Height);
        for (int row = y0; row < y1; row++)
            _pixels.AsSpan(row * Width + x0, Math.Max(0, x1 - x0)).Fill(color);
    }

    /// <summary>Blends a colour over the rectangle (a translucent backdrop for text).</summary>
    public void BlendRectangle(int x, int y, int width, int height, Rgba32 color, float alpha)
    {
        for (int row = y; row < y + height; row++)
        {
            for (int column = x; column < x + width; column++)
                Blend(column, row, color, alpha);
        }
    }

    /// <summary>
    /// The outline of the rectangle covering columns <paramref name="x0"/>..<paramref name="x1"/> and rows
    /// <paramref name="y0"/>..<paramref name="y1"/> (inclusive), <paramref name="thickness"/> pixels wide, drawn inwards
    /// so the outer edge is exactly the given rectangle.
    /// </summary>
    public void DrawRectangle(int x0, int y0, int x1, int y1, int thickness, Rgba32 color)
    {
        if (x1 < x0 || y1 < y0)
            return;
        int t = Math.Max(1, thickness);
        int w = x1 - x0 + 1, h = y1 - y0 + 1;
        FillRectangle(x0, y0, w, Math.Min(t, h), color);
        FillRectangle(x0, Math.Max(y0, y1 - t + 1), w, Math.Min(t, h), color);
        FillRectangle(x0, y0, Math.Min(t, w), h, color);
        FillRectangle(Math.Max(x0, x1 - t + 1), y0, Math.Min(t, w), h, color);
    }

    /// <summary>A straight line between two pixel centres (Bresenham) drawn with a square pen of the given width.</summary>
    public void DrawLine(int x0, int y0, int x1, int y1, int thickness, Rgba32 color)
    {
        int t = Math.Max(1, thickness);
        int offset = (t - 1) / 2;
        int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
        int error = dx + dy;
        while (true)
        {
            FillRectangle(x0 - offset, y0 - offset, t, t, color);
            if (x0 == x1 && y0 == y1)
                break;
            int twice = 2 * error;
            if (twice >= dy)
            {
                error += dy;
                x0 += sx;
            }
            if (twice <= dx)
            {
                error += dx;
                y0 += sy;
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> with the built-in bitmap font; (x, y) is the top-left of the first glyph.</summary>
    public void DrawText(int x, int y, string text, Rgba32 color, int scale) => BitmapFont.Draw(this, x, y, text, color, scale);

    /// <summary>Text on a translucent dark backdrop that keeps it legible on any image; returns the backdrop's height.</summary>
    public int DrawLabel(int x, int y, string text, Rgba32 color, int scale, int maxWidth)
    {
        int pad = scale;
        string fitted = BitmapFont.Fit(text, maxWidth - 2 * pad, scale);
        var (w, h) = BitmapFont.Measure(fitted, scale);
        BlendRectangle(x, y, w + 2 * pad, h + 2 * pad, new Rgba32(0, 0, 0), 0.65f);
        DrawText(x + pad, y + pad, fitted, color, scale);
        return h + 2 * pad;
    }

    /// <summary>An ImageSharp image holding a copy of the pixels.</summary>
    public Image<Rgba32> ToImage() => Image.LoadPixelData<Rgba32>(_pixels, Width, Height);

    /// <summary>Writes the canvas as a PNG, creating the folder when needed.</summary>
    public void SavePng(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        using var image = ToImage();
        image.SaveAsPng(path);
    }

    private int Index(int x, int y)
    {
        if (!Contains(x, y))
            throw new ArgumentOutOfRangeException(nameof(x), $"Pixel ({x}, {y}) is outside the {Width} x {Height} canvas.");
        return y * Width + x;
    }

    private static byte MixChannel(byte a, byte b, float alpha) =>
        (byte)Math.Clamp(MathF.Round((1f - alpha) * a + alpha * b), 0f, 255f);
}
