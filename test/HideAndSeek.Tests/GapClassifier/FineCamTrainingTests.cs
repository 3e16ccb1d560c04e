using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;
using HideAndSeek.Networks;
using HideAndSeek.Tests.Data;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.GapClassifier;

public class FineCamTrainingTests(GeneratedDatasetFixture data) : IClassFixture<GeneratedDatasetFixture>
{
    [Fact]
    public void SmallAlexNetGap16_trains_and_localises_with_a_16x16_cam_and_the_dataset_masks_give_PxAP()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadTinyImageNet(data.Root, TinyImageNetSplit.Train);
        var validation = ml.Data.LoadTinyImageNet(data.Root, TinyImageNetSplit.Validation);
        var options = new GapClassifierOptions
        {
            Architecture = GapArchitecture.SmallAlexNetGap16,
            WidthMultiplier = 0.125,
            MaxEpochs = 1,
            BatchSize = 12,
            Seed = 3,
        };
        var model = ImagePipelines.Preprocess(ml)
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(options))
            .Append(ml.Transforms.LocalizeWithCam())
            .Fit(train);

        var scored = model.Transform(validation);
        int channels = new GapNetworkOptions { NumClasses = 3, WidthMultiplier = 0.125 }.Channels(512);
        Assert.Equal(channels * 16 * 16, ((VectorDataViewType)scored.Schema["CamFeatures"].Type).Size);
        Assert.Equal(64 * 64, ((VectorDataViewType)scored.Schema["GroundTruthHeatmap"].Type).Size);
        // The loader's MaskPath column passes through scoring to the evaluator.
        var metrics = ml.Localization().Evaluate(scored);
        Assert.Equal(15, metrics.PixelAveragePrecisionImages);
        Assert.InRange(metrics.PixelAveragePrecision!.Value, 0.0, 1.0);
    }
}
