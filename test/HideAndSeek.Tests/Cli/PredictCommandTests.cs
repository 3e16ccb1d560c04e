using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;
using System.Globalization;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.Cli;

/// <summary>predict end to end on a model the CLI trained: CSV rows in each photo's pixels, overlays at photo size.</summary>
[Collection(nameof(CliCommandTests))]
public class PredictCommandTests : IClassFixture<CliFixture>
{
    private readonly CliFixture _f;
    private readonly ITestOutputHelper _output;

    public PredictCommandTests(CliFixture fixture, ITestOutputHelper output)
    {
        _f = fixture;
        _output = output;
    }

    private (int ExitCode, string Output, string Error) Run(params string[] args) => CliRunner.RunLogged(_output, args);

    [Fact]
    public void Predict_writes_one_row_per_photo_in_its_own_pixels_and_overlays_at_its_size()
    {
        Assert.True(_f.Train.ExitCode == 0, _f.Train.Error);
        var folder = _f.Path("predict-photos");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        var validation = Directory.GetFiles(Path.Combine(_f.Data, "val", "images")).Order(StringComparer.Ordinal).Take(3).ToArray();
        var sizes = new Dictionary<string, (int W, int H)>();
        for (int i = 0; i < validation.Length; i++)
        {
            using var image = Image.Load(validation[i]);
            (int w, int h) = i switch { 0 => (151, 97), 1 => (97, 151), _ => (64, 64) };
            image.Mutate(x => x.Resize(w, h));
            var path = Path.Combine(folder, i == 2 ? "sub" : "", $"photo{i}.png");
            image.SaveAsPng(path);
            sizes[Path.GetFullPath(path)] = (w, h);
        }
        var csv = _f.Path("predictions.csv");
        var overlays = _f.Path("overlays");

        var result = Run("predict", "--model", _f.TrainDir, folder, "--output", csv, "--overlays", overlays);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("image,label,probability,xmin,ymin,xmax,ymax,width,height", lines[0]);
        Assert.Equal(3, lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            Assert.Equal(9, cells.Length);
            var (w, h) = sizes[cells[0]];
            int[] numbers = cells[3..].Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal((w, h), (numbers[4], numbers[5]));
            Assert.True(numbers[0] >= 0 && numbers[1] >= 0 && numbers[2] < w && numbers[3] < h && numbers[0] <= numbers[2] && numbers[1] <= numbers[3], line);
            Assert.InRange(double.Parse(cells[2], CultureInfo.InvariantCulture), 0, 1);
            Assert.Contains(cells[1], File.ReadAllLines(Path.Combine(_f.Data, "wnids.txt")));
        }
        var pngs = Directory.GetFiles(overlays, "*.png");
        Assert.Equal(3, pngs.Length);
        foreach (var png in pngs)
        {
            var info = Image.Identify(png);
            var source = sizes.Single(kv => png.EndsWith(Path.GetFileNameWithoutExtension(kv.Key) + ".png", StringComparison.Ordinal)).Value;
            Assert.Equal(source, (info.Width, info.Height));
        }
    }

    [Fact]
    public void A_bad_photo_is_named_or_skipped_and_counted()
    {
        Assert.True(_f.Train.ExitCode == 0, _f.Train.Error);
        var folder = _f.Path("predict-bad");
        Directory.CreateDirectory(folder);
        File.Copy(Directory.GetFiles(Path.Combine(_f.Data, "val", "images"))[0], Path.Combine(folder, "good.jpg"));
        var bad = Path.Combine(folder, "broken.jpg");
        File.WriteAllText(bad, "not an image");
        var csv = _f.Path("bad.csv");

        var failed = Run("predict", "--model", _f.TrainDir, folder, "--output", csv);
        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("broken.jpg", failed.Error, StringComparison.Ordinal);

        var skipped = Run("predict", "--model", _f.TrainDir, folder, "--output", csv, "--skip-bad-images");
        Assert.True(skipped.ExitCode == 0, skipped.Output + skipped.Error);
        Assert.Contains("1 skipped", skipped.Output, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(csv).Length);
    }

    [Fact]
    public void Photos_are_scored_in_chunks_as_one_by_one_and_a_failed_run_keeps_its_rows_in_a_partial_file()
    {
        Assert.True(_f.Train.ExitCode == 0, _f.Train.Error);
        var folder = _f.Path("predict-chunks");
        Directory.CreateDirectory(folder);
        var validation = Directory.GetFiles(Path.Combine(_f.Data, "val", "images")).Order(StringComparer.Ordinal).ToArray();
        // More photos than one chunk, and the bad one in the second chunk (ordinal order puts it last).
        int count = PredictionChunk + 6;
        for (int i = 0; i < count; i++)
            File.Copy(validation[i % validation.Length], Path.Combine(folder, $"p{i:D3}.jpg"));
        File.WriteAllText(Path.Combine(folder, "zz-broken.jpg"), "not an image");
        var csv = _f.Path("chunks.csv");

        var failed = Run("predict", "--model", _f.TrainDir, folder, "--output", csv);
        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("zz-broken.jpg", failed.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(csv));
        var kept = File.ReadAllLines(csv + ".partial");
        Assert.Equal(PredictionChunk + 1, kept.Length);   // the header and the whole first chunk

        var skipped = Run("predict", "--model", _f.TrainDir, folder, "--output", csv, "--skip-bad-images");
        Assert.True(skipped.ExitCode == 0, skipped.Output + skipped.Error);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(count + 1, lines.Length);
        Assert.False(File.Exists(csv + ".partial"));
        // A row from a chunk (first and second) equals the row of the same photo predicted on its own.
        foreach (int i in new[] { 0, 5, PredictionChunk + 1 })
        {
            var single = _f.Path($"single-{i}.csv");
            Assert.Equal(0, Run("predict", "--model", _f.TrainDir, Path.Combine(folder, $"p{i:D3}.jpg"), "--output", single).ExitCode);
            var alone = File.ReadAllLines(single)[1].Split(',');
            var chunked = lines[1 + i].Split(',');
            Assert.Equal(alone[0], chunked[0]);
            Assert.Equal(alone[1], chunked[1]);
            Assert.Equal(double.Parse(alone[2], CultureInfo.InvariantCulture), double.Parse(chunked[2], CultureInfo.InvariantCulture), 4);
            for (int c = 3; c < 9; c++)
                Assert.InRange(Math.Abs(int.Parse(alone[c], CultureInfo.InvariantCulture) - int.Parse(chunked[c], CultureInfo.InvariantCulture)), 0, 1);
        }
    }

    private const int PredictionChunk = HideAndSeek.Cli.Workflow.PredictionRun.ChunkSize;

    [Fact]
    public void Image_size_and_resize_given_to_train_are_what_test_and_predict_use()
    {
        var dir = _f.Path("run-pad48");
        var train = Run("train", _f.Data, "--train-dir", dir, "--max-epoch", "1", "--batch-size", "8", "--width-multiplier", "0.125",
            "--validation-capacity", "0", "--image-size", "48", "--resize", "pad");
        Assert.True(train.ExitCode == 0, train.Output + train.Error);
        var test = Run("test", _f.Data, "--checkpoint", dir, "--selection-images", "0");
        Assert.True(test.ExitCode == 0, test.Output + test.Error);

        // The zip carries the preprocessing: 48 px pixels and the pad mode in each row's geometry.
        var ml = new Microsoft.ML.MLContext(1);
        var model = ml.Model.Load(Path.Combine(dir, "model.zip"), out _);
        var photo = Directory.GetFiles(Path.Combine(_f.Data, "val", "images"))[0];
        var scored = model.Transform(ml.Data.LoadFromEnumerable(new[] { new PhotoRow { ImagePath = photo } }));
        var pixels = (Microsoft.ML.Data.VectorDataViewType)scored.Schema["Pixels"].Type;
        Assert.Equal(new[] { 3, 48, 48 }, pixels.Dimensions.ToArray());
        Assert.Equal(new[] { 64f, 64f, 2f }, Microsoft.ML.Data.ColumnCursorExtensions.GetColumn<float[]>(scored, "PhotoGeometry").Single());
    }

    private sealed class PhotoRow
    {
        public string ImagePath { get; set; } = "";

        public string Label { get; set; } = "";
    }
}
