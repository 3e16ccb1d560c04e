using HideAndSeek.Data.Synthetic;
using HideAndSeek.Data.TinyImageNet;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Tests.Data.TinyImageNet;

public class TinyImageNetReaderTests(GeneratedDatasetFixture data) : IClassFixture<GeneratedDatasetFixture>
{
    [Fact]
    public void Reader_reads_generated_dataset_with_exact_boxes()
    {
        foreach (var split in new[] { TinyImageNetSplit.Train, TinyImageNetSplit.Validation })
        {
            var rows = TinyImageNetReader.Read(data.Root, split);
            Assert.Equal(split == TinyImageNetSplit.Train ? 36 : 15, rows.Count);
            foreach (var row in rows)
            {
                Assert.True(Path.IsPathFullyQualified(row.ImagePath));
                Assert.True(File.Exists(row.ImagePath));
                using var mask = Image.Load<L8>(SyntheticWsolGenerator.MaskPathFor(row.ImagePath));
                Assert.Equal((row.XMin, row.YMin, row.XMax, row.YMax), MaskBox(mask));
            }
        }
    }

    [Fact]
    public void Train_rows_follow_wnids_order_then_boxes_file_order()
    {
        var rows = TinyImageNetReader.Read(data.Root, TinyImageNetSplit.Train);
        var wnids = File.ReadAllLines(Path.Combine(data.Root, "wnids.txt"));
        Assert.Equal(wnids, rows.Select(r => r.Label).Distinct());
        for (int c = 0; c < wnids.Length; c++)
        {
            var names = File.ReadAllLines(Path.Combine(data.Root, "train", wnids[c], wnids[c] + "_boxes.txt"))
                .Select(l => l.Split('\t')[0]);
            Assert.Equal(names, rows.Where(r => r.Label == wnids[c]).Select(r => Path.GetFileName(r.ImagePath)));
        }
        Assert.Equal("class 1", rows.First(r => r.Label == wnids[1]).LabelName);
    }

    [Fact]
    public void Validation_rows_follow_annotation_file_order()
    {
        var rows = TinyImageNetReader.Read(data.Root, TinyImageNetSplit.Validation);
        var lines = File.ReadAllLines(Path.Combine(data.Root, "val", "val_annotations.txt"));
        Assert.Equal(lines.Select(l => l.Split('\t')[0]), rows.Select(r => Path.GetFileName(r.ImagePath)));
        Assert.Equal(lines.Select(l => l.Split('\t')[1]), rows.Select(r => r.Label));
    }

    [Fact]
    public void Class_subset_keeps_wnids_order_and_limit_takes_the_first_images()
    {
        var wnids = File.ReadAllLines(Path.Combine(data.Root, "wnids.txt"));
        var options = new TinyImageNetOptions { Classes = [wnids[2], wnids[0]], MaxImagesPerClass = 4 };

        var train = TinyImageNetReader.Read(data.Root, TinyImageNetSplit.Train, options);
        Assert.Equal(Enumerable.Repeat(wnids[0], 4).Concat(Enumerable.Repeat(wnids[2], 4)), train.Select(r => r.Label));
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"{wnids[0]}_{i}.JPEG"),
            train.Take(4).Select(r => Path.GetFileName(r.ImagePath)));

        var all = TinyImageNetReader.Read(data.Root, TinyImageNetSplit.Validation);
        var val = TinyImageNetReader.Read(data.Root, TinyImageNetSplit.Validation, options);
        var expected = all.Where(r => r.Label == wnids[0] || r.Label == wnids[2])
            .GroupBy(r => r.Label).SelectMany(g => g.Take(4))
            .OrderBy(r => all.ToList().IndexOf(r));
        Assert.Equal(expected, val);
        Assert.Equal(8, val.Count);
    }

    [Fact]
    public void Summary_coverage_matches_the_annotated_boxes()
    {
        var train = TinyImageNetReader.Read(data.Root, TinyImageNetSplit.Train);
        var val = TinyImageNetReader.Read(data.Root, TinyImageNetSplit.Validation);
        double Coverage(IEnumerable<TinyImageNetRecord> rows) =>
            rows.Average(r => (r.XMax - r.XMin + 1) * (r.YMax - r.YMin + 1) / 4096.0);
        Assert.Equal(Coverage(train), data.Summary.MeanTrainBoxCoverage, 12);
        Assert.Equal(Coverage(val), data.Summary.MeanValidationBoxCoverage, 12);
    }

    internal static (int, int, int, int) MaskBox(Image<L8> mask)
    {
        int xMin = int.MaxValue, yMin = int.MaxValue, xMax = -1, yMax = -1;
        for (int y = 0; y < mask.Height; y++)
        {
            for (int x = 0; x < mask.Width; x++)
            {
                byte v = mask[x, y].PackedValue;
                Assert.True(v is 0 or 255, $"mask value {v} at ({x}, {y}) is neither 0 nor 255");
                if (v == 255)
                {
                    xMin = Math.Min(xMin, x);
                    yMin = Math.Min(yMin, y);
                    xMax = Math.Max(xMax, x);
                    yMax = Math.Max(yMax, y);
                }
            }
        }
        return (xMin, yMin, xMax, yMax);
    }
}
