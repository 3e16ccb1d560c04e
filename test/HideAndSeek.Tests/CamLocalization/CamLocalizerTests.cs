using HideAndSeek.Boxes;
using HideAndSeek.CamLocalization;
using HideAndSeek.GapClassifier;
using HideAndSeek.Tests.GapClassifier;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.CamLocalization;

public class CamLocalizerTests : IClassFixture<TrainedClassifierFixture>
{
    private readonly TrainedClassifierFixture _f;
    private readonly ITestOutputHelper _output;

    public CamLocalizerTests(TrainedClassifierFixture fixture, ITestOutputHelper output)
    {
        _f = fixture;
        _output = output;
    }

    private TransformerChain<CamLocalizer> Localize(CamLocalizerOptions? options = null)
    {
        var localizer = _f.Ml.Transforms.LocalizeWithCam(options).Fit(_f.Model.Transform(_f.Train));
        return _f.Model.Append(localizer);
    }

    [Fact]
    public void Adds_heatmaps_a_box_and_the_class_with_the_documented_types()
    {
        var scored = Localize(new CamLocalizerOptions { TopK = 5 }).Transform(_f.Validation);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 64 * 64), scored.Schema["Heatmap"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 4), scored.Schema["PredictedBox"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 64 * 64), scored.Schema["GroundTruthHeatmap"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 4 * 64 * 64), scored.Schema["TopKHeatmaps"].Type); // 4 classes < 5
        Assert.IsType<KeyDataViewType>(scored.Schema["CamClass"].Type);

        var heatmaps = scored.GetColumn<float[]>("Heatmap").ToList();
        var boxes = scored.GetColumn<float[]>("PredictedBox").ToList();
        var camClass = scored.GetColumn<uint>("CamClass").ToList();
        var predicted = scored.GetColumn<uint>("PredictedLabel").ToList();
        var topK = scored.GetColumn<float[]>("TopKHeatmaps").ToList();
        for (int i = 0; i < heatmaps.Count; i++)
        {
            Assert.Equal(1f, heatmaps[i].Max());
            Assert.Equal(0f, heatmaps[i].Min());
            var box = BoundingBox.FromFloats(boxes[i]);
            Assert.False(box.IsEmpty);
            Assert.True(box.IsInside(64, 64));
            Assert.Equal(predicted[i], camClass[i]);
            Assert.Equal(heatmaps[i], topK[i].AsSpan(0, 4096).ToArray()); // the best class comes first
        }
    }

    [Fact]
    public void Heatmap_is_the_weighted_sum_of_feature_maps_resized_and_normalised()
    {
        var scored = Localize().Transform(_f.Validation);
        var features = scored.GetColumn<float[]>("CamFeatures").ToList();
        var heatmaps = scored.GetColumn<float[]>("Heatmap").ToList();
        var classes = scored.GetColumn<uint>("CamClass").ToList();
        var model = _f.Classifier.Model;
        int c = model.FeatureChannels, plane = model.FeatureMapHeight * model.FeatureMapWidth;
        var weights = model.ClassifierWeights.ToArray();
        for (int i = 0; i < 5; i++)
        {
            int cls = (int)classes[i] - 1;
            var cam = new float[plane];
            for (int k = 0; k < c; k++)
            {
                for (int p = 0; p < plane; p++)
                    cam[p] += weights[cls * c + k] * features[i][k * plane + p];
            }

            var expected = new float[64 * 64];
            HeatmapPreparation.Upsample(cam, model.FeatureMapHeight, model.FeatureMapWidth, expected, 64, 64);
            HeatmapPreparation.Normalize(expected);
            for (int p = 0; p < expected.Length; p++)
                Assert.Equal(expected[p], heatmaps[i][p], 5);
            var box = HeatmapBoxExtractor.ExtractBox(heatmaps[i], 64, 64, 0.2, BoxMode.AllForeground);
            Assert.Equal(box.ToFloats(), scored.GetColumn<float[]>("PredictedBox").Skip(i).First());
        }
    }

    [Fact]
    public void Ground_truth_selection_localises_the_labelled_class()
    {
        var scored = Localize(new CamLocalizerOptions { ClassSelection = CamClassSelection.GroundTruth }).Transform(_f.Validation);
        Assert.Equal(scored.GetColumn<uint>("Label"), scored.GetColumn<uint>("CamClass"));
        Assert.Equal(scored.GetColumn<float[]>("Heatmap"), scored.GetColumn<float[]>("GroundTruthHeatmap"));
    }

    [Fact]
    public void A_zip_with_classifier_and_localiser_gives_identical_outputs_in_another_process()
    {
        var model = Localize(new CamLocalizerOptions { BoxMode = BoxMode.LargestComponent, Threshold = 0.3f, TopK = 3 });
        var here = model.Transform(_f.Validation);
        using var dir = new TempDirectory();
        var there = TestProcess.TransformInChild(_f.Ml, model, _f.Validation, dir.Path);
        foreach (var column in new[] { "Heatmap", "PredictedBox", "GroundTruthHeatmap", "TopKHeatmaps", "Score" })
            Assert.Equal(here.GetColumn<float[]>(column), there.GetColumn<float[]>(column));
        Assert.Equal(here.GetColumn<uint>("CamClass"), there.GetColumn<uint>("CamClass"));
        var restored = HideAndSeekModel.Find<CamLocalizer>(_f.Ml.Model.Load(Path.Combine(dir.Path, "model.zip"), out _));
        Assert.NotNull(restored);
        Assert.Equal(0.3f, restored!.Options.Threshold);
        Assert.Equal(BoxMode.LargestComponent, restored.Options.BoxMode);
    }

    [Fact]
    public void Multi_crop_replaces_the_scores_and_survives_a_zip()
    {
        var model = Localize(new CamLocalizerOptions { MultiCrop = true, TopK = 2 });
        var scored = model.Transform(_f.Validation);
        var single = _f.Model.Transform(_f.Validation).GetColumn<float[]>("Score").ToList();
        var multi = scored.GetColumn<float[]>("Score").ToList();
        Assert.All(multi, p => Assert.Equal(1.0, p.Sum(), 4));
        Assert.NotEqual(single, multi);
        var heatmaps = scored.GetColumn<float[]>("Heatmap").ToList();
        Assert.All(heatmaps, h => Assert.Equal(1f, h.Max()));
        var predicted = scored.GetColumn<uint>("PredictedLabel").ToList();
        Assert.Equal(multi.Select(p => (uint)Array.IndexOf(p, p.Max()) + 1), predicted);
        var metrics = _f.Ml.MulticlassClassification.Evaluate(scored);
        _output.WriteLine($"ten-crop accuracy {metrics.MicroAccuracy:P1}");

        using var dir = new TempDirectory();
        var there = TestProcess.TransformInChild(_f.Ml, model, _f.Validation, dir.Path);
        Assert.Equal(multi, there.GetColumn<float[]>("Score"));
        Assert.Equal(heatmaps, there.GetColumn<float[]>("Heatmap"));
    }

    [Fact]
    public void A_localiser_built_for_a_classifier_from_a_loaded_zip_works()
    {
        using var dir = new TempDirectory();
        _f.Ml.Model.Save(_f.Model, _f.Train.Schema, dir.File("classifier.zip"));
        var loaded = _f.Ml.Model.Load(dir.File("classifier.zip"), out _);
        var classifier = HideAndSeekModel.Find<GapClassifierTransformer>(loaded)!;
        var localizer = _f.Ml.Transforms.LocalizeWithCam(classifier).Fit(loaded.Transform(_f.Train));
        var scored = localizer.Transform(loaded.Transform(_f.Validation));
        Assert.Equal(Localize().Transform(_f.Validation).GetColumn<float[]>("Heatmap"), scored.GetColumn<float[]>("Heatmap"));
    }

    [Fact]
    public void Unlabelled_images_need_a_localiser_fitted_without_the_label()
    {
        var model = Localize();
        var unlabelled = _f.Ml.Transforms.DropColumns("Label").Fit(_f.Validation).Transform(_f.Validation);
        var prep = _f.Ml.Transforms.LoadImages("Image", null, "ImagePath")
            .Append(_f.Ml.Transforms.ResizeImages("Image", 64, 64))
            .Append(_f.Ml.Transforms.ExtractPixels("Pixels", "Image"))
            .Fit(unlabelled);
        var scoredByClassifier = _f.Classifier.Transform(prep.Transform(unlabelled));
        var localizer = model.LastTransformer;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => localizer.Transform(scoredByClassifier));
        Assert.Contains("'Label' not found", e.Message);

        var noLabel = _f.Ml.Transforms.LocalizeWithCam(_f.Classifier, new CamLocalizerOptions { LabelColumnName = null }).Fit(scoredByClassifier);
        var heatmaps = noLabel.Transform(scoredByClassifier).GetColumn<float[]>("Heatmap").ToList();
        Assert.Equal(_f.Validation.GetRowCount(), heatmaps.Count);
        Assert.Null(noLabel.Transform(scoredByClassifier).Schema.GetColumnOrNull("GroundTruthHeatmap"));
    }

    [Fact]
    public void Without_a_classifier_before_it_the_localiser_explains_what_to_do()
    {
        var data = ImagePipelines.Preprocess(_f.Ml).Fit(_f.Train).Transform(_f.Train);
        var e = Assert.ThrowsAny<Exception>(() => _f.Ml.Transforms.LocalizeWithCam().Fit(data));
        Assert.Contains("GapClassifier", e.Message);
    }

    [Fact]
    public void A_localiser_applied_to_another_classifiers_outputs_is_refused()
    {
        var localizer = Localize().LastTransformer;
        var ml = new MLContext(1);
        var subset = ml.Data.LoadTinyImageNet(_f.Root, HideAndSeek.Data.TinyImageNet.TinyImageNetSplit.Train,
            new HideAndSeek.Data.TinyImageNet.TinyImageNetOptions { Classes = File.ReadAllLines(Path.Combine(_f.Root, "wnids.txt")).Take(3).ToList() });
        var options = TrainedClassifierFixture.Options();
        options.MaxEpochs = 1;
        var other = ImagePipelines.Preprocess(ml).Append(ml.MulticlassClassification.Trainers.GapClassifier(options)).Fit(subset);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => localizer.Transform(other.Transform(subset)));
        _output.WriteLine(e.Message);
        Assert.Contains("4 class probabilities", e.Message);
    }

    [Fact]
    public void By_default_no_top_k_maps_are_computed()
    {
        var scored = Localize().Transform(_f.Validation);
        Assert.Null(scored.Schema.GetColumnOrNull("TopKHeatmaps"));
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _f.Ml.Transforms.LocalizeWithCam(new CamLocalizerOptions { Threshold = 1.5f }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _f.Ml.Transforms.LocalizeWithCam(new CamLocalizerOptions { CropFraction = 0 }));
    }
}
