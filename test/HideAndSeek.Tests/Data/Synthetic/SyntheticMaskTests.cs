using CsCheck;
using HideAndSeek.Data.ImageFiles;
using HideAndSeek.Data.Synthetic;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Tests.Data.Synthetic;

public class SyntheticMaskTests
{
    /// <summary>Any valid combination of the options that shape an object.</summary>
    private static readonly Gen<(SyntheticWsolOptions Options, int Class, int Seed)> AnyObject =
        from size in Gen.Int[32, 96]
        from part in Gen.Int[1, size / 4]
        from classes in Gen.Int[1, 8]
        from cls in Gen.Int[0, classes - 1]
        from informativeness in Gen.Double[0, 1]
        from adversarial in Gen.Bool
        from seed in Gen.Int
        select (new SyntheticWsolOptions
        {
            ImageSize = size,
            PartSize = part,
            Classes = classes,
            BodyInformativeness = informativeness,
            UninformativeBody = adversarial ? UninformativeBody.OtherClass : UninformativeBody.Random,
        }, cls, seed);

    [Fact]
    public void Mask_covers_exactly_the_object_pixels_and_the_box_is_tight_around_it() =>
        AnyObject.Sample(c =>
        {
            var (options, cls, seed) = c;
            int size = options.ImageSize;
            var styles = Enumerable.Range(0, options.Classes).Select(k => SyntheticClassStyle.For(k, options.Classes)).ToArray();
            var rng = new Random(seed);
            var obj = SyntheticObject.Sample(rng, cls, options);
            var image = SyntheticImageRenderer.Render(obj, styles, cls, size, options.Clutter, rng);

            int xMin = size, yMin = size, xMax = -1, yMax = -1;
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    bool inMask = image.Mask[y * size + x];
                    Assert.Equal(obj.InBody(x, y) || obj.InHead(x, y), inMask);
                    if (!inMask)
                        continue;
                    Assert.True(image.Box.XMin <= x && x <= image.Box.XMax && image.Box.YMin <= y && y <= image.Box.YMax);
                    (xMin, yMin, xMax, yMax) = (Math.Min(xMin, x), Math.Min(yMin, y), Math.Max(xMax, x), Math.Max(yMax, y));
                }
            }
            Assert.Equal(new PixelBox(xMin, yMin, xMax, yMax), image.Box);
            // The head (the part) is inside the mask, at least its centre pixel.
            Assert.True(image.Mask[(int)Math.Round(obj.HeadY) * size + (int)Math.Round(obj.HeadX)]);
        }, iter: 150, threads: 1);

    [Fact]
    public void Mask_files_hold_exactly_the_rendered_object_pixels()
    {
        using var dir = new TempDirectory();
        var options = new SyntheticWsolOptions { Classes = 2, TrainImagesPerClass = 3, ValidationImagesPerClass = 0, WriteMasks = true, Seed = 9 };
        var summary = SyntheticWsolGenerator.Generate(dir.Combine("m"), options);
        var styles = Enumerable.Range(0, 2).Select(k => SyntheticClassStyle.For(k, 2)).ToArray();
        for (int c = 0; c < 2; c++)
        {
            for (int i = 0; i < 3; i++)
            {
                // The generator's per-image stream: (seed, split 0 = train, class, index).
                var rng = new Random(SeedMixer.Mix(options.Seed, 0, c, i));
                var obj = SyntheticObject.Sample(rng, c, options);
                var expected = SyntheticImageRenderer.Render(obj, styles, c, 64, options.Clutter, rng).Mask;
                string image = Path.Combine(summary.Root, "train", $"s000000{c}", "images", $"s000000{c}_{i}.JPEG");
                string maskPath = Path.Combine(summary.Root, "train", $"s000000{c}", "masks", $"s000000{c}_{i}.png");
                Assert.Equal(maskPath, TinyImageNetReader.MaskPathFor(image));
                using var mask = Image.Load<L8>(maskPath);
                Assert.Equal((64, 64), (mask.Width, mask.Height));
                var actual = new bool[64 * 64];
                for (int y = 0; y < 64; y++)
                {
                    for (int x = 0; x < 64; x++)
                        actual[y * 64 + x] = mask[x, y].PackedValue switch { 255 => true, 0 => false, var v => throw new Xunit.Sdk.XunitException($"mask value {v}") };
                }

                Assert.Equal(expected, actual);
            }
        }
    }
}
