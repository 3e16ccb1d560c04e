using HideAndSeek.Visualization;
using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Tests.Visualization;

public class BitmapFontTests
{
    /// <summary>Whether the glyph of <paramref name="c"/>, drawn at scale 1, has ink at (column, row).</summary>
    private static bool HasInk(char c, int column, int row)
    {
        var canvas = new PixelCanvas(BitmapFont.GlyphWidth, BitmapFont.GlyphHeight, new Rgba32(0, 0, 0, 255));
        BitmapFont.Draw(canvas, 0, 0, c.ToString(), new Rgba32(255, 255, 255, 255), 1);
        return canvas[column, row].R != 0;
    }

    private static readonly Rgba32 White = new(255, 255, 255);
    private static readonly Rgba32 Ink = new(10, 20, 30);

    [Theory]
    [InlineData("Hi, IoU 0.73!", 1)]
    [InlineData("label: n01443537", 3)]
    [InlineData("pred: dog 87.5%", 2)]
    public void Text_puts_ink_only_inside_its_measured_rectangle(string text, int scale)
    {
        var canvas = new PixelCanvas(400, 60, White);
        const int left = 7, top = 11;
        canvas.DrawText(left, top, text, Ink, scale);
        var (width, height) = BitmapFont.Measure(text, scale);
        Assert.Equal((text.Length * 6 - 1) * scale, width);
        Assert.Equal(9 * scale, height);

        int inked = 0, minX = int.MaxValue, maxX = int.MinValue, minY = int.MaxValue, maxY = int.MinValue;
        for (int y = 0; y < canvas.Height; y++)
        {
            for (int x = 0; x < canvas.Width; x++)
            {
                if (canvas[x, y] == White)
                    continue;
                Assert.Equal(Ink, canvas[x, y]);
                inked++;
                (minX, maxX, minY, maxY) = (Math.Min(minX, x), Math.Max(maxX, x), Math.Min(minY, y), Math.Max(maxY, y));
            }
        }

        Assert.True(inked > 0);
        Assert.InRange(minX, left, left + width - 1);
        Assert.InRange(maxX, left, left + width - 1);
        Assert.InRange(minY, top, top + height - 1);
        Assert.InRange(maxY, top, top + height - 1);
        Assert.True(minX < left + 6 * scale);     // the first glyph has ink in its own cell
        Assert.Equal(0, inked % (scale * scale)); // every font pixel is a full scale x scale square
    }

    [Fact]
    public void Every_printable_character_except_space_has_a_distinct_glyph()
    {
        var seen = new Dictionary<string, char>();
        for (char c = '!'; c <= '~'; c++)
        {
            var bits = string.Concat(Enumerable.Range(0, 45).Select(i => HasInk(c, i % 5, i / 5) ? '#' : '.'));
            Assert.Contains('#', bits);
            Assert.False(seen.TryGetValue(bits, out char other), $"'{c}' looks like '{other}'");
            seen[bits] = c;
        }
        Assert.All(Enumerable.Range(0, 45), i => Assert.False(HasInk(' ', i % 5, i / 5)));
    }

    [Fact]
    public void Characters_outside_ascii_print_as_a_question_mark()
    {
        for (int i = 0; i < 45; i++)
            Assert.Equal(HasInk('?', i % 5, i / 5), HasInk('\u00e9', i % 5, i / 5));
    }

    [Fact]
    public void Long_text_is_shortened_to_fit_the_width()
    {
        string fitted = BitmapFont.Fit("a very long class name indeed", 100, 2);
        Assert.EndsWith("..", fitted);
        Assert.True(BitmapFont.Measure(fitted, 2).Width <= 100);
        Assert.Equal("short", BitmapFont.Fit("short", 100, 2));
    }
}
