using HideAndSeek.Data.Synthetic;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;
using HideAndSeek.Tests.GapClassifier;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.Visualization;
using Microsoft.ML;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.Visualization;

/// <summary>
/// Every visualisation of a small model trained on synthetic JPEGs, end to end. Set HIDEANDSEEK_VIS_OUTPUT to a folder
/// to keep the PNGs and the page for a look; otherwise they go to a temporary folder.
/// </summary>
public class TrainedModelVisualizationTests
{
    private readonly ITestOutputHelper _output;

    public TrainedModelVisualizationTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void A_trained_model_gives_hiding_grid_panels_page_and_training_curves()
    {
        using var temp = new TempDirectory();
        string output = Environment.GetEnvironmentVariable("HIDEANDSEEK_VIS_OUTPUT") is { Length: > 0 } kept ? kept : temp.Combine("vis");
        var summary = SyntheticWsolGenerator.Generate(temp.Combine("data"), new SyntheticWsolOptions
        {
            Classes = 4,
            TrainImagesPerClass = 60,
            ValidationImagesPerClass = 15,
            Seed = 3,
        });
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadTinyImageNet(summary.Root, TinyImageNetSplit.Train);
        var validation = ml.Data.LoadTinyImageNet(summary.Root, TinyImageNetSplit.Validation);
        var preprocess = ImagePipelines.Preprocess(ml).Fit(train);
        var trainPixels = preprocess.Transform(train);
        var validationPixels = preprocess.Transform(validation);

        var hiding = ml.Transforms.HidePatches(16, seed: 5).Fit(trainPixels);
        string grid = HidingPreview.WriteGrid(trainPixels, hiding, Path.Combine(output, "hide-grid.png"));

        var history = new List<EpochReport>();
        var options = TrainedClassifierFixture.Options();
        options.ValidationSet = validationPixels;
        options.EpochCompleted = history.Add;
        var classifier = ml.MulticlassClassification.Trainers.GapClassifier(options).Fit(trainPixels);
        var localizer = ml.Transforms.LocalizeWithCam().Fit(classifier.Transform(trainPixels));
        var scored = localizer.Transform(classifier.Transform(validationPixels));
        var metrics = ml.Localization().Evaluate(scored);
        _output.WriteLine(metrics.ToMarkdown());

        string curves = TrainingCurvePlot.Write(history, Path.Combine(output, "training-curves.png"));
        var first = LocalizationVisualizer.WritePanels(scored, Path.Combine(output, "first"), new VisualizationOptions { Count = 8 }, metrics);
        var worst = LocalizationVisualizer.WritePanels(scored, Path.Combine(output, "worst"),
            new VisualizationOptions { Count = 4, Selection = PanelSelection.WorstIoU });
        var best = LocalizationVisualizer.WritePanels(scored, Path.Combine(output, "best"),
            new VisualizationOptions { Count = 4, Selection = PanelSelection.BestIoU });

        using (var image = Image.Load<Rgba32>(grid))
            Assert.Equal((8 * 192 + 9 * 2, 2 * 192 + 3 * 2 + HidingPreview.CaptionHeight(3)), (image.Width, image.Height));
        using (var image = Image.Load<Rgba32>(curves))
            Assert.Equal(TrainingCurvePlot.ImageWidth, image.Width);
        Assert.Equal(8, first.Count);
        Assert.Equal(4, worst.Count);
        var layout = new PanelLayout(64, 64, 4);
        foreach (var panel in first.Concat(worst).Concat(best))
        {
            using var image = Image.Load<Rgba32>(panel);
            Assert.Equal((layout.Width, layout.Height), (image.Width, image.Height));
        }
        string page = File.ReadAllText(Path.Combine(output, "first", "index.html"));
        Assert.Equal(first.Select(Path.GetFileName), Regex.Matches(page, "<img src=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.Contains("MaxBoxAccV2", page);
        _output.WriteLine($"written to {output}");
    }
}
