using HideAndSeek.CamLocalization;
using HideAndSeek.GapClassifier;
using HideAndSeek.Networks;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.CamLocalization;

/// <summary>
/// A pipeline with two classifiers and a localiser after each: every localiser is bound to the classifier whose
/// feature map it reads, whichever classifier came last.
/// </summary>
public class TwoClassifierPipelineTests
{
    private const int Side = 64;

    [Theory]
    [InlineData(GapArchitecture.SmallAlexNetGap)]
    [InlineData(GapArchitecture.CustomNetGap)]
    public void Each_localiser_gives_the_heatmaps_of_its_own_classifier(GapArchitecture second)
    {
        var ml = new MLContext(seed: 1);
        var data = PixelData.Create(ml, PixelData.Random(6, 3, Side, Side, seed: 9), 3, Side, Side);
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(Classifier(GapArchitecture.SmallAlexNetGap, "A", seed: 3)))
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(Classifier(second, "B", seed: 4)))
            .Append(ml.Transforms.LocalizeWithCam(Localizer("A")))
            .Append(ml.Transforms.LocalizeWithCam(Localizer("B")))
            .Fit(data);
        var both = model.Transform(data);
        var classifiers = HideAndSeekModel.FindComponents(model).OfType<GapClassifierTransformer>().ToArray();
        Assert.Equal(2, classifiers.Length);

        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        foreach (var (classifier, name) in classifiers.Zip(new[] { "A", "B" }))
        {
            // What this classifier alone, with a localiser given it explicitly, produces.
            var scored = classifier.Transform(keyed);
            var alone = ml.Transforms.LocalizeWithCam(classifier, Localizer(name)).Fit(scored).Transform(scored);
            Assert.Equal(Read(alone, "Heatmap" + name), Read(both, "Heatmap" + name));
        }
        Assert.NotEqual(Read(both, "HeatmapA"), Read(both, "HeatmapB"));
    }

    private static GapClassifierOptions Classifier(GapArchitecture architecture, string name, int seed) => new()
    {
        Architecture = architecture,
        WidthMultiplier = 0.1,
        MaxEpochs = 1,
        BatchSize = 6,
        Seed = seed,
        ScoreColumnName = "Score" + name,
        PredictedLabelColumnName = "PredictedLabel" + name,
        FeatureMapColumnName = "CamFeatures" + name,
    };

    private static CamLocalizerOptions Localizer(string name) => new()
    {
        FeatureMapColumnName = "CamFeatures" + name,
        ScoreColumnName = "Score" + name,
        LabelColumnName = null,
        HeatmapColumnName = "Heatmap" + name,
        BoxColumnName = "PredictedBox" + name,
        CamClassColumnName = "CamClass" + name,
    };

    private static List<float[]> Read(IDataView data, string column) => data.GetColumn<float[]>(column).ToList();
}
