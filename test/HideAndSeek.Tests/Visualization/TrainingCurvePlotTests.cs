using HideAndSeek.GapClassifier;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.Visualization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Tests.Visualization;

public class TrainingCurvePlotTests
{
    private static readonly Rgba32 TrainBlue = new(31, 119, 180);
    private static readonly Rgba32 ValidationOrange = new(255, 127, 14);

    private static List<EpochReport> History(int epochs, bool validation) => Enumerable.Range(0, epochs).Select(e => new EpochReport(
        e, epochs, (e + 1) * 10L, 1.4 / (e + 1), 0.3 + 0.08 * e, validation ? 1.5 / (e + 1) + 0.1 : null, validation ? 0.25 + 0.07 * e : null,
        100, 0.01, TimeSpan.FromSeconds(1), 0)).ToList();

    private static int Count(Image<Rgba32> image, Rgba32 color)
    {
        int n = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                if (image[x, y] == color)
                    n++;
            }
        }

        return n;
    }

    [Fact]
    public void Curves_png_exists_decodes_and_shows_train_and_validation_lines()
    {
        using var dir = new TempDirectory();
        string path = TrainingCurvePlot.Write(History(8, validation: true), dir.Combine("plots", "curves.png"));
        Assert.True(File.Exists(path));
        using var image = Image.Load<Rgba32>(path);
        Assert.Equal((TrainingCurvePlot.ImageWidth, TrainingCurvePlot.ImageHeight), (image.Width, image.Height));
        Assert.True(Count(image, TrainBlue) > 200);
        Assert.True(Count(image, ValidationOrange) > 200);
    }

    [Fact]
    public void Without_validation_only_the_training_line_is_drawn()
    {
        using var dir = new TempDirectory();
        using var image = Image.Load<Rgba32>(TrainingCurvePlot.Write(History(3, validation: false), dir.File("curves.png")));
        Assert.True(Count(image, TrainBlue) > 50);
        Assert.Equal(0, Count(image, ValidationOrange));
    }

    [Fact]
    public void A_single_epoch_and_a_diverged_loss_still_plot()
    {
        using var dir = new TempDirectory();
        var history = History(1, validation: true);
        history[0] = history[0] with { TrainLoss = double.NaN };
        using var image = Image.Load<Rgba32>(TrainingCurvePlot.Write(history, dir.File("one.png")));
        Assert.True(Count(image, TrainBlue) > 0);
    }

    [Fact]
    public void An_empty_history_is_refused()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() => TrainingCurvePlot.Write([], dir.File("none.png")));
    }

    [Theory]
    [InlineData(1.2, 5, 0.25)]
    [InlineData(1.37, 5, 0.5)]
    [InlineData(100, 5, 20)]
    [InlineData(7, 8, 1)]
    [InlineData(0.9, 5, 0.2)]
    public void Axis_steps_are_round_numbers(double range, int target, double expected) =>
        Assert.Equal(expected, AxisTicks.NiceStep(range, target), 9);

    [Theory]
    [InlineData(0.5, 0.25, "0.50")]
    [InlineData(2, 1, "2")]
    [InlineData(7.5, 2.5, "7.5")]
    [InlineData(0.4, 0.2, "0.4")]
    public void Tick_labels_have_as_many_decimals_as_the_step(double value, double step, string expected) =>
        Assert.Equal(expected, AxisTicks.Format(value, step));
}
