using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Visualization;

/// <summary>
/// A small built-in bitmap font (5 x 7 glyphs and 2 rows for descenders) for printable ASCII (32..126), drawn at an
/// integer scale. It makes the visualisations independent of installed fonts (a server may have none). Characters
/// outside the range print as '?'.
/// </summary>
internal static class BitmapFont
{
    /// <summary>Glyph width in font pixels.</summary>
    public const int GlyphWidth = 5;

    /// <summary>
    /// Glyph cell height in font pixels: capitals and digits stand on row 6, rows 7 and 8 hold the descenders of
    /// g, j, p, q, y and the comma.
    /// </summary>
    public const int GlyphHeight = 9;

    // Rows a design may leave out at the bottom (glyphs without descenders are designed 7 rows high).
    private const int DescenderRows = 2;

    /// <summary>Horizontal distance between glyph origins: the glyph and one blank column.</summary>
    public const int Advance = GlyphWidth + 1;

    private const char First = ' ';
    private const char Last = '~';

    // One entry per character from ' ' to '~': rows of five cells, top to bottom, '#' = ink; seven rows, or nine for
    // glyphs that reach below the baseline.
    private static readonly string[] Design =
    [
        "..... ..... ..... ..... ..... ..... .....", // space
        "..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..", // !
        ".#.#. .#.#. .#.#. ..... ..... ..... .....", // "
        ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.", // #
        "..#.. .#### #.#.. .###. ..#.# ####. ..#..", // $
        "##... ##..# ...#. ..#.. .#... #..## ...##", // %
        ".##.. #..#. #.#.. .#... #.#.# #..#. .##.#", // &
        "..#.. ..#.. ..... ..... ..... ..... .....", // '
        "...#. ..#.. .#... .#... .#... ..#.. ...#.", // (
        ".#... ..#.. ...#. ...#. ...#. ..#.. .#...", // )
        "..... ..#.. #.#.# .###. #.#.# ..#.. .....", // *
        "..... ..#.. ..#.. ##### ..#.. ..#.. .....", // +
        "..... ..... ..... ..... ..... .##.. .##.. ..#.. .#...", // ,
        "..... ..... ..... ##### ..... ..... .....", // -
        "..... ..... ..... ..... ..... .##.. .##..", // .
        "..... ....# ...#. ..#.. .#... #.... .....", // /
        ".###. #...# #..## #.#.# ##..# #...# .###.", // 0
        "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.", // 1
        ".###. #...# ....# ...#. ..#.. .#... #####", // 2
        "##### ...#. ..#.. ...#. ....# #...# .###.", // 3
        "...#. ..##. .#.#. #..#. ##### ...#. ...#.", // 4
        "##### #.... ####. ....# ....# #...# .###.", // 5
        "..##. .#... #.... ####. #...# #...# .###.", // 6
        "##### ....# ...#. ..#.. .#... .#... .#...", // 7
        ".###. #...# #...# .###. #...# #...# .###.", // 8
        ".###. #...# #...# .#### ....# ...#. .##..", // 9
        "..... .##.. .##.. ..... .##.. .##.. .....", // :
        "..... .##.. .##.. ..... ..... .##.. .##.. ..#.. .#...", // ;
        "...#. ..#.. .#... #.... .#... ..#.. ...#.", // <
        "..... ..... ##### ..... ##### ..... .....", // =
        ".#... ..#.. ...#. ....# ...#. ..#.. .#...", // >
        ".###. #...# ....# ...#. ..#.. ..... ..#..", // ?
        ".###. #...# ....# .##.# #.#.# #.#.# .###.", // @
        ".###. #...# #...# ##### #...# #...# #...#", // A
        "####. #...# #...# ####. #...# #...# ####.", // B
        ".###. #...# #.... #.... #.... #...# .###.", // C
        "###.. #..#. #...# #...# #...# #..#. ###..", // D
        "##### #.... #.... ####. #.... #.... #####", // E
        "##### #.... #.... ####. #.... #.... #....", // F
        ".###. #...# #.... #.### #...# #...# .####", // G
        "#...# #...# #...# ##### #...# #...# #...#", // H
        ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.", // I
        "..### ...#. ...#. ...#. ...#. #..#. .##..", // J
        "#...# #..#. #.#.. ##... #.#.. #..#. #...#", // K
        "#.... #.... #.... #.... #.... #.... #####", // L
        "#...# ##.## #.#.# #.#.# #...# #...# #...#", // M
        "#...# #...# ##..# #.#.# #..## #...# #...#", // N
        ".###. #...# #...# #...# #...# #...# .###.", // O
        "####. #...# #...# ####. #.... #.... #....", // P
        ".###. #...# #...# #...# #.#.# #..#. .##.#", // Q
        "####. #...# #...# ####. #.#.. #..#. #...#", // R
        ".#### #.... #.... .###. ....# ....# ####.", // S
        "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..", // T
        "#...# #...# #...# #...# #...# #...# .###.", // U
        "#...# #...# #...# #...# #...# .#.#. ..#..", // V
        "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.", // W
        "#...# #...# .#.#. ..#.. .#.#. #...# #...#", // X
        "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..", // Y
        "##### ....# ...#. ..#.. .#... #.... #####", // Z
        ".###. .#... .#... .#... .#... .#... .###.", // [
        "..... #.... .#... ..#.. ...#. ....# .....", // backslash
        ".###. ...#. ...#. ...#. ...#. ...#. .###.", // ]
        "..#.. .#.#. #...# ..... ..... ..... .....", // ^
        "..... ..... ..... ..... ..... ..... ..... ##### .....", // _
        ".#... ..#.. ..... ..... ..... ..... .....", // `
        "..... ..... .###. ....# .#### #...# .####", // a
        "#.... #.... #.##. ##..# #...# #...# ####.", // b
        "..... ..... .###. #.... #.... #...# .###.", // c
        "....# ....# .##.# #..## #...# #...# .####", // d
        "..... ..... .###. #...# ##### #.... .###.", // e
        "..##. .#..# .#... ###.. .#... .#... .#...", // f
        "..... ..... .#### #...# #...# #...# .#### ....# .###.", // g
        "#.... #.... #.##. ##..# #...# #...# #...#", // h
        "..#.. ..... .##.. ..#.. ..#.. ..#.. .###.", // i
        "...#. ..... ..##. ...#. ...#. ...#. ...#. #..#. .##..", // j
        "#.... #.... #..#. #.#.. ##... #.#.. #..#.", // k
        ".##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###.", // l
        "..... ..... ##.#. #.#.# #.#.# #...# #...#", // m
        "..... ..... #.##. ##..# #...# #...# #...#", // n
        "..... ..... .###. #...# #...# #...# .###.", // o
        "..... ..... ####. #...# #...# #...# ####. #.... #....", // p
        "..... ..... .#### #...# #...# #...# .#### ....# ....#", // q
        "..... ..... #.##. ##..# #.... #.... #....", // r
        "..... ..... .#### #.... .###. ....# ####.", // s
        ".#... .#... ###.. .#... .#... .#..# ..##.", // t
        "..... ..... #...# #...# #...# #..## .##.#", // u
        "..... ..... #...# #...# #...# .#.#. ..#..", // v
        "..... ..... #...# #...# #.#.# #.#.# .#.#.", // w
        "..... ..... #...# .#.#. ..#.. .#.#. #...#", // x
        "..... ..... #...# #...# #...# #...# .#### ....# .###.", // y
        "..... ..... ##### ...#. ..#.. .#... #####", // z
        "..##. .#... .#... ##... .#... .#... ..##.", // {
        "..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#..", // |
        ".##.. ...#. ...#. ...## ...#. ...#. .##..", // }
        "..... ..... .#... #.#.# ...#. ..... .....", // ~
    ];

    // Row bit masks per glyph; bit 4 is the leftmost column.
    private static readonly byte[][] Glyphs = Design.Select(Parse).ToArray();

    /// <summary>Size in canvas pixels of <paramref name="text"/> on one line (no trailing blank column).</summary>
    public static (int Width, int Height) Measure(string text, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        return text.Length == 0 ? (0, GlyphHeight * scale) : ((text.Length * Advance - 1) * scale, GlyphHeight * scale);
    }

    /// <summary>Draws one line of text with its top-left corner at (x, y); each font pixel becomes a scale x scale square.</summary>
    public static void Draw(PixelCanvas canvas, int x, int y, string text, Rgba32 color, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        for (int i = 0; i < text.Length; i++)
        {
            var rows = GlyphOf(text[i]);
            int left = x + i * Advance * scale;
            for (int row = 0; row < GlyphHeight; row++)
            {
                for (int column = 0; column < GlyphWidth; column++)
                {
                    if ((rows[row] & (1 << (GlyphWidth - 1 - column))) != 0)
                        canvas.FillRectangle(left + column * scale, y + row * scale, scale, scale, color);
                }
            }
        }
    }

    /// <summary>The text, shortened with a trailing ".." when it is wider than <paramref name="maxWidth"/> pixels.</summary>
    public static string Fit(string text, int maxWidth, int scale)
    {
        if (Measure(text, scale).Width <= maxWidth)
            return text;
        int chars = Math.Max(0, (maxWidth / scale + 1) / Advance);
        if (chars <= 2)
            return text[..Math.Min(chars, text.Length)];
        return text[..(chars - 2)] + "..";
    }

    private static byte[] GlyphOf(char c) => Glyphs[c is >= First and <= Last ? c - First : '?' - First];

    private static byte[] Parse(string design)
    {
        var rows = design.Split(' ');
        if ((rows.Length != GlyphHeight && rows.Length != GlyphHeight - DescenderRows) || rows.Any(r => r.Length != GlyphWidth))
            throw new InvalidOperationException($"Bad glyph design '{design}'.");
        var bits = new byte[GlyphHeight];
        for (int row = 0; row < rows.Length; row++)
            bits[row] = (byte)rows[row].Aggregate(0, (mask, cell) => (mask << 1) | (cell == '#' ? 1 : 0));
        return bits;
    }
}
