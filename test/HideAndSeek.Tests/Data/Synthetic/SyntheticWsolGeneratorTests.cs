using HideAndSeek.Data.Synthetic;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.Tests.Data.TinyImageNet;
using HideAndSeek.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using System.Security.Cryptography;

namespace HideAndSeek.Tests.Data.Synthetic;

public class SyntheticWsolGeneratorTests
{
    private static SyntheticWsolOptions Small(int seed = 1, bool masks = false) => new()
    {
        Classes = 3,
        TrainImagesPerClass = 6,
        ValidationImagesPerClass = 3,
        Seed = seed,
        WriteMasks = masks,
    };

    /// <summary>SHA-256 of every file, keyed by its path relative to the root.</summary>
    private static SortedDictionary<string, string> HashAll(string root) =>
        new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(root, f),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

    [Fact]
    public void Same_options_give_byte_identical_files_and_another_seed_does_not()
    {
        using var dir = new TempDirectory();
        SyntheticWsolGenerator.Generate(dir.Combine("a"), Small(masks: true));
        SyntheticWsolGenerator.Generate(dir.Combine("b"), Small(masks: true));
        SyntheticWsolGenerator.Generate(dir.Combine("c"), Small(seed: 2, masks: true));
        var a = HashAll(dir.Combine("a"));
        var b = HashAll(dir.Combine("b"));
        var c = HashAll(dir.Combine("c"));

        Assert.Equal(2 + 3 + 18 * 2 + 1 + 9 * 2, a.Count); // wnids, words, boxes x3, train jpeg+mask, val annotations, val jpeg+mask
        Assert.Equal(a, b);
        Assert.Equal(a.Keys, c.Keys);
        Assert.Equal(a["wnids.txt"], c["wnids.txt"]); // class ids and names do not depend on the seed
        Assert.NotEqual(a.Where(kv => kv.Key.EndsWith(".JPEG")), c.Where(kv => kv.Key.EndsWith(".JPEG")));
        Assert.All(a.Keys.Where(k => k.EndsWith(".JPEG")), k => Assert.NotEqual(a[k], c[k]));
    }

    [Fact]
    public void Generated_layout_has_the_documented_files_and_names()
    {
        using var dir = new TempDirectory();
        var summary = SyntheticWsolGenerator.Generate(dir.Combine("d"), Small());
        Assert.Equal(["s0000000", "s0000001", "s0000002"], File.ReadAllLines(Path.Combine(summary.Root, "wnids.txt")));
        Assert.Equal("s0000002\tclass 2", File.ReadAllLines(Path.Combine(summary.Root, "words.txt"))[2]);
        Assert.True(File.Exists(Path.Combine(summary.Root, "train", "s0000001", "images", "s0000001_5.JPEG")));
        Assert.True(File.Exists(Path.Combine(summary.Root, "val", "images", "val_8.JPEG")));
        Assert.False(Directory.Exists(Path.Combine(summary.Root, "val", "masks")));
        Assert.Equal((3, 18, 9, 64), (summary.Classes, summary.TrainImages, summary.ValidationImages, summary.ImageSize));

        // Validation classes are interleaved, each class present ValidationImagesPerClass times.
        var valWnids = File.ReadAllLines(Path.Combine(summary.Root, "val", "val_annotations.txt")).Select(l => l.Split('\t')[1]).ToArray();
        Assert.All(valWnids.GroupBy(w => w), g => Assert.Equal(3, g.Count()));

        using var image = Image.Load<Rgb24>(Path.Combine(summary.Root, "val", "images", "val_0.JPEG"));
        Assert.Equal((64, 64), (image.Width, image.Height));
    }

    [Fact]
    public void Mask_bounding_box_equals_the_annotation_box()
    {
        using var dir = new TempDirectory();
        var summary = SyntheticWsolGenerator.Generate(dir.Combine("m"), Small(seed: 5, masks: true));
        var rows = TinyImageNetReader.Read(summary.Root, TinyImageNetSplit.Train)
            .Concat(TinyImageNetReader.Read(summary.Root, TinyImageNetSplit.Validation)).ToList();
        Assert.Equal(27, rows.Count);
        foreach (var row in rows)
        {
            using var mask = Image.Load<L8>(SyntheticWsolGenerator.MaskPathFor(row.ImagePath));
            Assert.Equal((row.XMin, row.YMin, row.XMax, row.YMax), TinyImageNetReaderTests.MaskBox(mask));
        }
    }

    [Fact]
    public void Head_pixels_keep_their_class_colour_through_jpeg()
    {
        // Object at class 0 of 6: exact head colour pure red (255, 0, 0). Render the same scene as the generator does
        // and check that the decoded JPEG keeps the head red-dominant at its centre.
        using var dir = new TempDirectory();
        var options = new SyntheticWsolOptions { Classes = 6, TrainImagesPerClass = 3, ValidationImagesPerClass = 0, Seed = 3 };
        var summary = SyntheticWsolGenerator.Generate(dir.Combine("h"), options);
        var styles = Enumerable.Range(0, 6).Select(c => SyntheticClassStyle.For(c, 6)).ToArray();
        Assert.Equal(new Rgb(255, 0, 0), styles[0].Head);
        for (int i = 0; i < 3; i++)
        {
            var rng = new Random(SeedMixer.Mix(options.Seed, 0, 0, i));
            var obj = SyntheticObject.Sample(rng, 0, options);
            using var image = Image.Load<Rgb24>(Path.Combine(summary.Root, "train", "s0000000", "images", $"s0000000_{i}.JPEG"));
            var p = image[(int)Math.Round(obj.HeadX), (int)Math.Round(obj.HeadY)];
            Assert.True(p.R > 200 && p.G < 60 && p.B < 60, $"head centre of image {i} is {p}");
        }
    }

    [Fact]
    public void Objects_fit_the_image_have_the_documented_size_and_body_informativeness()
    {
        var options = new SyntheticWsolOptions { Classes = 6, BodyInformativeness = 0.5 };
        var styles = Enumerable.Range(0, 6).Select(c => SyntheticClassStyle.For(c, 6)).ToArray();
        int own = 0, samples = 600;
        for (int i = 0; i < samples; i++)
        {
            int cls = i % 6;
            var rng = new Random(i);
            var obj = SyntheticObject.Sample(rng, cls, options);
            Assert.InRange(2 * obj.SemiMajor, 0.35 * 64 - 1e-9, 0.75 * 64 + 1e-9);
            Assert.True(obj.BodyClass is null || obj.BodyClass == cls, "a random-mode body is its own class's or random");
            if (obj.BodyClass == cls)
                own++;
            var image = SyntheticImageRenderer.Render(obj, styles, cls, 64, 0.5, rng);
            Assert.True(IsConnected(image.Mask, 64), $"head and body of sample {i} do not touch");
            Assert.InRange(image.Box.Area / 4096.0, 0.02, 0.9);
        }
        Assert.InRange(own / (double)samples, 0.42, 0.58);
    }

    [Fact]
    public void Summary_describes_counts_and_coverage()
    {
        using var dir = new TempDirectory();
        var summary = SyntheticWsolGenerator.Generate(dir.Combine("s"), Small());
        Assert.InRange(summary.MeanBoxCoverage, 0.05, 0.7);
        string text = SyntheticWsolGenerator.Describe(summary);
        Assert.Contains("3 classes", text);
        Assert.Contains("18 training + 9 validation images of 64 x 64 px", text);
        Assert.Contains(summary.Root, text);
        Assert.Equal(text, summary.ToString());
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_option_name()
    {
        using var dir = new TempDirectory();
        void Rejects(SyntheticWsolOptions o, string name)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticWsolGenerator.Generate(dir.Combine("x"), o));
            Assert.Equal(name, e.ParamName);
        }
        Rejects(new() { Classes = 0 }, "Classes");
        Rejects(new() { TrainImagesPerClass = 0 }, "TrainImagesPerClass");
        Rejects(new() { ValidationImagesPerClass = -1 }, "ValidationImagesPerClass");
        Rejects(new() { ImageSize = 16 }, "ImageSize");
        Rejects(new() { PartSize = 17 }, "PartSize");
        Rejects(new() { BodyInformativeness = 1.5 }, "BodyInformativeness");
        Rejects(new() { JpegQuality = 0 }, "JpegQuality");
        Rejects(new() { Clutter = -0.1 }, "Clutter");
        Assert.False(Directory.Exists(dir.Combine("x")));
    }

    private static bool IsConnected(bool[] mask, int size)
    {
        int start = Array.IndexOf(mask, true);
        var seen = new bool[mask.Length];
        var stack = new Stack<int>([start]);
        seen[start] = true;
        int count = 0;
        while (stack.Count > 0)
        {
            int p = stack.Pop();
            count++;
            int x = p % size, y = p / size;
            foreach (var (nx, ny) in new[] { (x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1) })
            {
                int q = ny * size + nx;
                if (nx >= 0 && nx < size && ny >= 0 && ny < size && mask[q] && !seen[q])
                {
                    seen[q] = true;
                    stack.Push(q);
                }
            }
        }
        return count == mask.Count(m => m);
    }
}
