using HideAndSeek.Data.ImageFiles;
using HideAndSeek.Data.Synthetic;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;
using HideAndSeek.Tests.Cli;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.Data.TinyImageNet;

/// <summary>
/// An unreadable image among thousands must be named, or left out and listed on request: ML.NET's loader fails on
/// one with a message that names no file (through its parallel cursors) or decodes a truncated JPEG as black.
/// </summary>
public class BadImageTests
{
    private static (TempDirectory Dir, string Root, string Bad) DatasetWithOneTruncatedImage()
    {
        var dir = new TempDirectory();
        var summary = SyntheticWsolGenerator.Generate(dir.Combine("data"), new SyntheticWsolOptions
        {
            Classes = 3,
            TrainImagesPerClass = 8,
            ValidationImagesPerClass = 2,
            Seed = 6,
        });
        var records = TinyImageNetReader.Read(summary.Root, TinyImageNetSplit.Train);
        string bad = records[9].ImagePath;
        var bytes = File.ReadAllBytes(bad);
        File.WriteAllBytes(bad, bytes[..(bytes.Length / 2)]);
        return (dir, summary.Root, bad);
    }

    [Fact]
    public void A_truncated_image_is_named_by_the_cursor_that_reaches_it()
    {
        var (dir, root, bad) = DatasetWithOneTruncatedImage();
        using var _ = dir;
        var view = new MLContext(1).Data.LoadTinyImageNet(root, TinyImageNetSplit.Train);
        var e = Assert.Throws<InvalidDataException>(() => view.GetColumn<string>("ImagePath").ToList());
        Assert.Contains(bad, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("SkipBadImages", e.Message);
        // Columns that do not lead to the image are not checked.
        Assert.Equal(24, view.GetColumn<string>("Label").Count());
    }

    [Fact]
    public void Skipping_leaves_the_image_out_of_every_pass_and_reports_it_once()
    {
        var (dir, root, bad) = DatasetWithOneTruncatedImage();
        using var _ = dir;
        var reported = new List<BadImage>();
        var view = new MLContext(1).Data.LoadTinyImageNet(root, TinyImageNetSplit.Train,
            new TinyImageNetOptions { SkipBadImages = true, BadImageSkipped = b => { lock (reported) reported.Add(b); } });
        Assert.Null(view.GetRowCount());
        for (int pass = 0; pass < 2; pass++)
        {
            var paths = view.GetColumn<string>("ImagePath").ToList();
            Assert.Equal(23, paths.Count);
            Assert.DoesNotContain(bad, paths);
        }
        Assert.Equal(bad, Assert.Single(reported).Path);
    }

    [Fact]
    public void Training_names_the_file_instead_of_ml_nets_worker_message()
    {
        var (dir, root, bad) = DatasetWithOneTruncatedImage();
        using var _ = dir;
        var ml = new MLContext(1);
        var train = ml.Data.LoadTinyImageNet(root, TinyImageNetSplit.Train);
        var pipeline = ImagePipelines.Preprocess(ml).Append(ml.MulticlassClassification.Trainers.GapClassifier(new GapClassifierOptions
        {
            WidthMultiplier = 0.125,
            MaxEpochs = 1,
            BatchSize = 8,
        }));
        var e = Assert.Throws<InvalidDataException>(() => pipeline.Fit(train));
        Assert.Contains(bad, e.Message);
        Assert.DoesNotContain("Splitter", e.Message);
    }

    [Fact]
    public void Training_with_skipping_uses_every_readable_image()
    {
        var (dir, root, bad) = DatasetWithOneTruncatedImage();
        using var _ = dir;
        var ml = new MLContext(1);
        var skipped = new List<string>();
        var train = ml.Data.LoadTinyImageNet(root, TinyImageNetSplit.Train,
            new TinyImageNetOptions { SkipBadImages = true, BadImageSkipped = b => { lock (skipped) skipped.Add(b.Path); } });
        var model = ImagePipelines.Preprocess(ml).Append(ml.MulticlassClassification.Trainers.GapClassifier(new GapClassifierOptions
        {
            WidthMultiplier = 0.125,
            MaxEpochs = 2,
            BatchSize = 8,
        })).Fit(train);
        var history = HideAndSeek.HideAndSeekModel.Find<HideAndSeek.GapClassifier.GapClassifierTransformer>(model)!.Model.History;
        Assert.Equal(2, history.Count);
        Assert.Equal(new[] { bad }, skipped);
    }

    [Fact]
    public void Cli_names_the_file_with_exit_code_2_or_skips_and_lists_it()
    {
        var (dir, root, bad) = DatasetWithOneTruncatedImage();
        using var _ = dir;
        string[] Train(string folder, params string[] extra) =>
            new[] { "train", root, "--train-dir", dir.Combine(folder), "--max-epoch", "1", "--batch-size", "8",
                "--width-multiplier", "0.125", "--validation-capacity", "0" }.Concat(extra).ToArray();

        var failed = CliRunner.Run(Train("strict"));
        Assert.Equal(2, failed.ExitCode);
        Assert.Contains(bad, failed.Error);
        Assert.Single(failed.Error.Trim().Split('\n'));

        var skipped = CliRunner.Run(Train("lenient", "--skip-bad-images"));
        Assert.True(skipped.ExitCode == 0, skipped.Error);
        Assert.Contains("1 unreadable image skipped", skipped.Output + skipped.Error);
        Assert.Contains(bad, File.ReadAllText(dir.Combine("lenient", "train.log")));
    }
}
