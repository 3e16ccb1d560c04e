using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;
using SixLabors.ImageSharp;
using System.Diagnostics;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.Data.TinyImageNet;

/// <summary>Tests on the shared ten-class sample of the real dataset; skipped when it is absent.</summary>
public class RealTinyImageNetTests(ITestOutputHelper output)
{
    private const int Side = 64;
    private static string Root => TinyImageNetLocation.Root!;

    [RequiresTinyImageNetFact]
    public void Reader_reads_the_real_ten_class_sample_in_wnids_order()
    {
        var wnids = File.ReadAllLines(Path.Combine(Root, "wnids.txt"));
        var train = TinyImageNetReader.Read(Root, TinyImageNetSplit.Train);
        var val = TinyImageNetReader.Read(Root, TinyImageNetSplit.Validation);

        Assert.Equal(5000, train.Count);
        Assert.Equal(500, val.Count);
        Assert.Equal(10, wnids.Length);
        Assert.Equal(wnids, train.Select(r => r.Label).Distinct());
        Assert.All(train.GroupBy(r => r.Label), g => Assert.Equal(500, g.Count()));
        Assert.All(val.GroupBy(r => r.Label), g => Assert.Equal(50, g.Count()));
        Assert.Equal("ladybug", train.First(r => r.Label == "n02165456").LabelName);
        Assert.Equal(
            ["ladybug", "bow tie", "candle", "beacon", "acorn", "dumbbell", "sunglasses", "gondola", "bee", "binoculars"],
            train.Select(r => r.LabelName).Distinct());
        Assert.All(train.Concat(val), r =>
        {
            Assert.InRange(r.XMin, 0, r.XMax);
            Assert.InRange(r.YMin, 0, r.YMax);
            Assert.InRange(r.XMax, r.XMin, Side - 1);
            Assert.InRange(r.YMax, r.YMin, Side - 1);
        });
        var ml = new MLContext(seed: 1);
        Assert.Equal(5000L, ml.Data.LoadTinyImageNet(Root, TinyImageNetSplit.Train).GetRowCount());
        Assert.Equal(500L, ml.Data.LoadTinyImageNet(Root, TinyImageNetSplit.Validation).GetRowCount());
    }

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }

    private sealed class PixelsRow
    {
        public string ImagePath { get; set; } = "";
        [VectorType(3, Side, Side)]
        public float[] Pixels { get; set; } = [];
    }

    private static IEstimator<ITransformer> DecodePipeline(MLContext ml) =>
        ml.Transforms.LoadImages("Image", imageFolder: null, "ImagePath")
            .Append(ml.Transforms.ResizeImages("Image", Side, Side))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image"));

    [RequiresTinyImageNetFact]
    public void Grayscale_jpeg_comes_out_of_ml_net_as_three_equal_channels()
    {
        var all = TinyImageNetReader.Read(Root, TinyImageNetSplit.Train).Concat(TinyImageNetReader.Read(Root, TinyImageNetSplit.Validation));
        var grey = all.Select(r => r.ImagePath).Where(p => Image.Identify(p).PixelType.BitsPerPixel == 8).ToList();
        output.WriteLine($"{grey.Count} of 5,500 JPEGs are single-component (grayscale), e.g. {grey.FirstOrDefault()}");
        Assert.NotEmpty(grey);
        string colour = all.First(r => Image.Identify(r.ImagePath).PixelType.BitsPerPixel == 24).ImagePath;

        var ml = new MLContext(seed: 1);
        var input = ml.Data.LoadFromEnumerable(grey.Take(5).Append(colour).Select(p => new PathRow { ImagePath = p }));
        var rows = ml.Data.CreateEnumerable<PixelsRow>(DecodePipeline(ml).Fit(input).Transform(input), reuseRowObject: false).ToList();

        const int plane = Side * Side;
        foreach (var row in rows)
        {
            Assert.Equal(3 * plane, row.Pixels.Length);
            var r = row.Pixels.AsSpan(0, plane);
            var g = row.Pixels.AsSpan(plane, plane);
            var b = row.Pixels.AsSpan(2 * plane, plane);
            bool equal = r.SequenceEqual(g) && g.SequenceEqual(b);
            Assert.True(row.ImagePath == colour ? !equal : equal, $"{row.ImagePath}: channels equal = {equal}");
            Assert.InRange(row.Pixels.Max(), 1, 255); // real content in the 0..255 range, not a blank image
        }
    }

    [RequiresTinyImageNetFact]
    public void Reader_speed_through_load_resize_extract_is_reported()
    {
        var ml = new MLContext(seed: 1);
        var views = new[] { TinyImageNetSplit.Train, TinyImageNetSplit.Validation }
            .Select(s => ml.Data.LoadTinyImageNet(Root, s)).ToArray();
        var model = DecodePipeline(ml).Fit(views[0]);

        // Warm-up (JIT, native Skia load) outside the timings.
        var warmView = model.Transform(views[1]);
        using (var warm = warmView.GetRowCursor(warmView.Schema))
        {
            var getter = warm.GetGetter<VBuffer<float>>(warm.Schema["Pixels"]);
            VBuffer<float> pixels = default;
            for (int i = 0; i < 50 && warm.MoveNext(); i++)
                getter(ref pixels);
        }

        // Single cursor: the way a trainer reads an epoch.
        var watch = Stopwatch.StartNew();
        long rows = 0;
        double checksum = 0;
        foreach (var view in views)
        {
            var scored = model.Transform(view);
            var column = scored.Schema["Pixels"];
            using var cursor = scored.GetRowCursor([column], new Random(1));
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> pixels = default;
            while (cursor.MoveNext())
            {
                getter(ref pixels);
                checksum += pixels.GetValues()[0];
                rows++;
            }
        }
        watch.Stop();
        Assert.Equal(5500, rows);
        output.WriteLine($"single cursor: {rows} rows in {watch.Elapsed.TotalSeconds:F2} s = {rows / watch.Elapsed.TotalSeconds:F0} rows/s (checksum {checksum})");

        // A cursor set, one thread per cursor: what parallel consumers of the view can reach.
        int threads = Math.Max(2, Environment.ProcessorCount);
        watch.Restart();
        long parallelRows = 0;
        foreach (var view in views)
        {
            var scored = model.Transform(view);
            var column = scored.Schema["Pixels"];
            var set = scored.GetRowCursorSet([column], threads, new Random(1));
            Parallel.ForEach(set, new ParallelOptions { MaxDegreeOfParallelism = threads }, cursor =>
            {
                using (cursor)
                {
                    var getter = cursor.GetGetter<VBuffer<float>>(column);
                    VBuffer<float> pixels = default;
                    long n = 0;
                    while (cursor.MoveNext())
                    {
                        getter(ref pixels);
                        n++;
                    }
                    Interlocked.Add(ref parallelRows, n);
                }
            });
        }
        watch.Stop();
        Assert.Equal(5500, parallelRows);
        output.WriteLine($"cursor set of {threads}: {parallelRows} rows in {watch.Elapsed.TotalSeconds:F2} s = {parallelRows / watch.Elapsed.TotalSeconds:F0} rows/s");
    }
}
