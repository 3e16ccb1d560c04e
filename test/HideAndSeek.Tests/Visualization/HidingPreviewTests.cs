using HideAndSeek.Hiding;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.TrainingOnly;
using HideAndSeek.Visualization;
using Microsoft.ML;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Tests.Visualization;

public class HidingPreviewTests
{
    private const int Side = 16, Patch = 4, Scale = 3;
    private const float Fill = 250f; // brighter than any image value below, so a hidden pixel is unmistakable

    private static (IDataView Data, ImageHidingTransformer Hiding) Fit(double probability, int images = 5)
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(7);
        var rows = Enumerable.Range(0, images).Select(i => new PixelData.ImageRow
        {
            Pixels = Enumerable.Range(0, 3 * Side * Side).Select(_ => (float)random.Next(201)).ToArray(),
            Label = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();
        var data = PixelData.Create(ml, rows, 3, Side, Side);
        var hiding = ml.Transforms.HidePatches(new HidePatchesOptions
        {
            PatchSizes = new[] { Patch },
            HideProbability = probability,
            Fill = PixelFill.Constant,
            FillValue = new[] { Fill },
            Seed = 3,
        }).Fit(data);
        return (data, hiding);
    }

    [Fact]
    public void Grid_has_two_rows_of_scaled_tiles_with_two_pixel_gaps_and_a_caption()
    {
        var (data, hiding) = Fit(0.5);
        using var dir = new TempDirectory();
        string path = HidingPreview.WriteGrid(data, hiding, dir.File("grid.png"), count: 5, scale: Scale);
        Assert.Equal(dir.File("grid.png"), path);
        using var image = Image.Load<Rgba32>(path);
        // 5 tiles of 48 px and 6 gaps of 2 px across; two rows of 48 px, 3 gaps and a 26 px caption row down.
        Assert.Equal(5 * 48 + 6 * 2, image.Width);
        Assert.Equal(2 * 48 + 3 * 2 + 26, image.Height);

        string bare = HidingPreview.WriteGrid(data, hiding, dir.File("bare.png"), count: 5, scale: Scale, caption: false);
        using var bareImage = Image.Load<Rgba32>(bare);
        Assert.Equal((5 * 48 + 6 * 2, 2 * 48 + 3 * 2), (bareImage.Width, bareImage.Height));
        Assert.Equal("Hide-and-Seek S=4 p=0.5", HidingPreview.CaptionText(hiding));
    }

    [Fact]
    public void Fewer_rows_than_asked_give_a_narrower_grid()
    {
        var (data, hiding) = Fit(0.5, images: 3);
        using var dir = new TempDirectory();
        using var image = Image.Load<Rgba32>(HidingPreview.WriteGrid(data, hiding, dir.File("grid.png"), count: 8, scale: 1, caption: false));
        Assert.Equal(3 * 16 + 4 * 2, image.Width);
    }

    [Fact]
    public void Bottom_row_differs_from_the_top_row_only_in_whole_hidden_patches()
    {
        var (data, hiding) = Fit(0.5);
        using var dir = new TempDirectory();
        using var image = Image.Load<Rgba32>(HidingPreview.WriteGrid(data, hiding, dir.File("grid.png"), count: 5, scale: Scale));
        var fill = new Rgba32(250, 250, 250);
        int hiddenPatches = 0, visiblePatches = 0;
        for (int i = 0; i < 5; i++)
        {
            var (topLeft, topTop) = HidingPreview.TileOrigin(i, bottomRow: false, Side, Side, Scale);
            var (bottomLeft, bottomTop) = HidingPreview.TileOrigin(i, bottomRow: true, Side, Side, Scale);
            for (int py = 0; py < Side / Patch; py++)
            {
                for (int px = 0; px < Side / Patch; px++)
                {
                    bool hidden = image[bottomLeft + px * Patch * Scale, bottomTop + py * Patch * Scale] == fill;
                    for (int y = py * Patch * Scale; y < (py + 1) * Patch * Scale; y++)
                    {
                        for (int x = px * Patch * Scale; x < (px + 1) * Patch * Scale; x++)
                        {
                            var below = image[bottomLeft + x, bottomTop + y];
                            Assert.Equal(hidden ? fill : image[topLeft + x, topTop + y], below);
                        }
                    }

                    if (hidden)
                        hiddenPatches++;
                    else
                        visiblePatches++;
                }
            }
        }
        Assert.True(hiddenPatches > 0 && visiblePatches > 0, $"hidden {hiddenPatches}, visible {visiblePatches}");
    }

    [Fact]
    public void With_probability_one_every_bottom_pixel_is_the_fill()
    {
        var (data, hiding) = Fit(1.0);
        using var dir = new TempDirectory();
        using var image = Image.Load<Rgba32>(HidingPreview.WriteGrid(data, hiding, dir.File("grid.png"), count: 5, scale: Scale));
        for (int i = 0; i < 5; i++)
        {
            var (left, top) = HidingPreview.TileOrigin(i, bottomRow: true, Side, Side, Scale);
            for (int y = 0; y < Side * Scale; y++)
            {
                for (int x = 0; x < Side * Scale; x++)
                    Assert.Equal(new Rgba32(250, 250, 250), image[left + x, top + y]);
            }

            var (topLeft, topTop) = HidingPreview.TileOrigin(i, bottomRow: false, Side, Side, Scale);
            Assert.NotEqual(new Rgba32(250, 250, 250), image[topLeft, topTop]);
        }
    }

    [Fact]
    public void Top_row_shows_the_pixels_as_they_are()
    {
        var (data, hiding) = Fit(0.5);
        using var dir = new TempDirectory();
        using var image = Image.Load<Rgba32>(HidingPreview.WriteGrid(data, hiding, dir.File("grid.png"), count: 2, scale: Scale));
        var first = PixelData.ReadPixels(data)[1];
        var (left, top) = HidingPreview.TileOrigin(1, bottomRow: false, Side, Side, Scale);
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                int i = y * Side + x;
                var expected = new Rgba32((byte)first[i], (byte)first[Side * Side + i], (byte)first[2 * Side * Side + i]);
                Assert.Equal(expected, image[left + x * Scale + Scale - 1, top + y * Scale + Scale - 1]);
            }
        }
    }
}
