using HideAndSeek.GapClassifier;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.GapClassifier;

public class GapClassifierTests : IClassFixture<TrainedClassifierFixture>
{
    private readonly TrainedClassifierFixture _f;
    private readonly ITestOutputHelper _output;

    public GapClassifierTests(TrainedClassifierFixture fixture, ITestOutputHelper output)
    {
        _f = fixture;
        _output = output;
    }

    [Fact]
    public void Training_on_generated_images_reaches_well_above_chance()
    {
        foreach (var epoch in _f.Classifier.Model.History)
            _output.WriteLine(epoch.ToString());
        var metrics = _f.Ml.MulticlassClassification.Evaluate(_f.Model.Transform(_f.Validation));
        _output.WriteLine($"validation accuracy {metrics.MicroAccuracy:P1} (chance 25%), log-loss {metrics.LogLoss:F3}");
        Assert.True(metrics.MicroAccuracy >= 0.6, $"accuracy {metrics.MicroAccuracy:P1}");
        Assert.True(_f.Classifier.Model.History[^1].TrainLoss < _f.Classifier.Model.History[0].TrainLoss);
    }

    [Fact]
    public void Output_has_ml_net_multiclass_columns_with_the_label_key_values()
    {
        var scored = _f.Model.Transform(_f.Validation);
        var score = scored.Schema["Score"];
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 4), score.Type);
        var predicted = scored.Schema["PredictedLabel"];
        Assert.Equal(_f.Classifier.Model.ClassNames.Count, (int)((KeyDataViewType)predicted.Type).Count);
        var mapped = _f.Ml.Transforms.Conversion.MapKeyToValue("PredictedName", "PredictedLabel").Fit(scored).Transform(scored);
        var names = mapped.GetColumn<string>("PredictedName").ToList();
        Assert.All(names, n => Assert.Contains(n, _f.Classifier.Model.ClassNames));
        var probabilities = scored.GetColumn<float[]>("Score").ToList();
        Assert.All(probabilities, p => Assert.Equal(1.0, p.Sum(), 4));
        Assert.Equal(_f.Classifier.Model.FeatureChannels * 8 * 8, ((VectorDataViewType)scored.Schema["CamFeatures"].Type).Size);
    }

    [Fact]
    public void Batched_scoring_prediction_engine_and_a_zip_loaded_in_another_process_agree_bit_for_bit()
    {
        var scored = _f.Model.Transform(_f.Validation);
        var batched = Read(scored);

        // PredictionEngine: row by row through the saved-model path, in this process.
        var rows = _f.Ml.Data.CreateEnumerable<ImageInput>(_f.Validation, reuseRowObject: false).ToList();
        var engine = _f.Ml.Model.CreatePredictionEngine<ImageInput, ScoredRow>(_f.Model);
        for (int i = 0; i < rows.Count; i++)
        {
            var p = engine.Predict(rows[i]);
            Assert.Equal(batched.Scores[i], p.Score);
            Assert.Equal(batched.Predicted[i], p.PredictedLabel);
            Assert.Equal(batched.Features[i], p.CamFeatures);
        }

        // Another process: only the zip travels.
        using var dir = new TempDirectory();
        var child = Read(TestProcess.TransformInChild(_f.Ml, _f.Model, _f.Validation, dir.Path));
        Assert.Equal(batched.Scores, child.Scores);
        Assert.Equal(batched.Predicted, child.Predicted);
        Assert.Equal(batched.Features, child.Features);
    }

    [Fact]
    public void A_zip_loaded_here_is_restored_to_the_batched_transformer()
    {
        using var dir = new TempDirectory();
        _f.Ml.Model.Save(_f.Model, _f.Train.Schema, dir.File("model.zip"));
        var loaded = _f.Ml.Model.Load(dir.File("model.zip"), out _);
        var restored = HideAndSeekModel.Find<GapClassifierTransformer>(loaded);
        Assert.NotNull(restored);
        Assert.Equal(_f.Classifier.Model.ClassNames, restored!.Model.ClassNames);
        Assert.Equal(Read(_f.Model.Transform(_f.Validation)).Scores, Read(loaded.Transform(_f.Validation)).Scores);
    }

    [Fact]
    public void Ml_net_evaluation_accepts_the_scored_data()
    {
        var metrics = _f.Ml.MulticlassClassification.Evaluate(_f.Model.Transform(_f.Validation), topKPredictionCount: 2);
        Assert.InRange(metrics.TopKAccuracy, metrics.MicroAccuracy, 1.0);
        Assert.Equal(4, metrics.ConfusionMatrix.NumberOfClasses);
    }

    [Fact]
    public void Hiding_in_a_nested_pipeline_reaches_the_real_trainer()
    {
        var ml = new MLContext(1);
        var options = TrainedClassifierFixture.Options();
        options.MaxEpochs = 2;
        // Every image entirely hidden: if hiding reaches the trainer, nothing can be learnt (chance is 25%).
        IEstimator<ITransformer> pipeline = ImagePipelines.Preprocess(ml);
        pipeline = pipeline.Append(ml.Transforms.HidePatches(new HideAndSeek.Hiding.HidePatchesOptions { PatchSizes = new[] { 64 }, HideProbability = 1.0 }));
        pipeline = pipeline.Append(ml.MulticlassClassification.Trainers.GapClassifier(options));
        var model = pipeline.Fit(_f.Train);
        var classifier = HideAndSeekModel.Find<GapClassifierTransformer>(model)!;
        _output.WriteLine(string.Join("\n", classifier.Model.History));
        Assert.True(classifier.Model.History[^1].TrainAccuracy < 0.45, "the trainer saw unhidden images");
    }

    [Fact]
    public void Label_that_is_not_a_key_is_rejected_with_the_column_name()
    {
        var ml = new MLContext(1);
        var pipeline = ml.Transforms.LoadImages("Image", null, "ImagePath")
            .Append(ml.Transforms.ResizeImages("Image", 64, 64))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image"))
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(TrainedClassifierFixture.Options()));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Fit(_f.Train));
        Assert.Contains("'Label'", e.Message);
        Assert.Contains("MapValueToKey", e.Message);
    }

    [Fact]
    public void Pixels_of_the_wrong_shape_are_rejected()
    {
        var ml = new MLContext(1);
        var tooSmall = ImagePipelines.Preprocess(ml, size: 4)
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(TrainedClassifierFixture.Options()));
        var e = Assert.ThrowsAny<ArgumentException>(() => tooSmall.Fit(_f.Train));
        _output.WriteLine(e.Message);
        var prep = ImagePipelines.Preprocess(ml, size: 32).Fit(_f.Validation);
        var wrong = Assert.Throws<ArgumentOutOfRangeException>(() => _f.Classifier.Transform(prep.Transform(_f.Validation)));
        Assert.Contains("64 x 64", wrong.Message);
        Assert.Contains("32 x 32", wrong.Message);
    }

    [Fact]
    public void Empty_training_data_is_rejected()
    {
        var ml = new MLContext(1);
        var prep = ImagePipelines.Preprocess(ml).Fit(_f.Train);
        var empty = ml.Data.SkipRows(prep.Transform(_f.Train), 1_000_000);
        var e = Assert.Throws<InvalidOperationException>(() => ml.MulticlassClassification.Trainers.GapClassifier(TrainedClassifierFixture.Options()).Fit(empty));
        Assert.Contains("no rows", e.Message);
    }

    [Fact]
    public void A_diverging_run_stops_with_a_clear_message_and_keeps_its_checkpoints()
    {
        using var dir = new TempDirectory();
        var ml = new MLContext(1);
        var data = ImagePipelines.Preprocess(ml).Fit(_f.Train).Transform(_f.Train);
        var options = TrainedClassifierFixture.Options();
        options.MaxEpochs = 3;
        options.CheckpointDirectory = dir.Path;
        int epochs = 0;
        // One good epoch, then an absurd learning rate from a callback-free second trainer resuming the checkpoint.
        options.MaxEpochs = 1;
        ml.MulticlassClassification.Trainers.GapClassifier(options).Fit(data);
        Assert.Single(Directory.GetFiles(dir.Path, "*.ckpt"));
        options.MaxEpochs = 3;
        options.LearningRate = 1e12;
        options.MinLearningRate = 1e12;
        options.EpochCompleted = _ => epochs++;
        var e = Assert.Throws<InvalidOperationException>(() => ml.MulticlassClassification.Trainers.GapClassifier(options).Fit(data));
        _output.WriteLine(e.Message);
        Assert.Matches(@"training diverged at epoch 2, step \d+ \(loss (NaN|-?Infinity|∞)\)", e.Message);
        Assert.Contains(dir.Path, e.Message);
        Assert.Equal(0, epochs);
        Assert.Single(Directory.GetFiles(dir.Path, "*.ckpt"));

        // The same folder with a sane learning rate resumes from the good epoch and finishes.
        options.LearningRate = 0.02;
        options.MinLearningRate = 0.0001;
        var resumed = ml.MulticlassClassification.Trainers.GapClassifier(options).Fit(data);
        Assert.Equal(3, resumed.Model.History.Count);
        Assert.Equal(2, epochs);
        Assert.All(resumed.Model.History, h => Assert.True(double.IsFinite(h.TrainLoss)));
    }

    [Fact]
    public void Checkpoints_hold_non_finite_metrics_without_failing()
    {
        using var dir = new TempDirectory();
        var report = new EpochReport(0, 3, 10, double.NaN, 0.5, double.PositiveInfinity, double.NaN, 100, 0.01, TimeSpan.FromSeconds(1), 0);
        var network = new HideAndSeek.GapClassifier.NetworkDescription(HideAndSeek.Networks.GapArchitecture.SmallAlexNetGap,
            new[] { "a", "b" }, new[] { 1f, 2f, 3f }, 0.25, false, 0.5, 64, 64);
        new TrainingCheckpoint
        {
            CompletedEpochs = 1,
            Description = network,
            NetworkState = new byte[] { 1 },
            OptimizerState = new byte[] { 2 },
            History = new List<EpochReport> { report },
            Steps = 10,
            BestValidationAccuracy = double.NegativeInfinity,
        }.Save(dir.Path);
        var loaded = TrainingCheckpoint.LoadLatest(dir.Path, _ => { })!;
        Assert.True(double.IsNaN(loaded.History[0].TrainLoss));
        Assert.True(double.IsPositiveInfinity(loaded.History[0].ValidationLoss!.Value));
        Assert.True(double.IsNegativeInfinity(loaded.BestValidationAccuracy));
    }

    [Fact]
    public void A_row_with_non_finite_pixels_is_named_instead_of_scored()
    {
        var rows = Enumerable.Range(0, 3).Select(_ => new PixelRow { Pixels = Enumerable.Repeat(100f, 3 * 64 * 64).ToArray() }).ToArray();
        rows[1].Pixels[5] = float.NaN;
        var data = _f.Ml.Data.LoadFromEnumerable(rows);

        var batched = Assert.Throws<InvalidDataException>(() => _f.Classifier.Transform(data).GetColumn<float[]>("Score").ToList());
        _output.WriteLine(batched.Message);
        Assert.Contains("row 1", batched.Message);
        Assert.Contains("pixel value 5 is NaN", batched.Message);

        var engine = _f.Ml.Model.CreatePredictionEngine<PixelRow, ScoredRow>(_f.Classifier);
        Assert.All(engine.Predict(rows[0]).Score, v => Assert.True(float.IsFinite(v)));
        var single = Assert.ThrowsAny<Exception>(() => engine.Predict(rows[1]));
        Assert.Contains("pixel value 5 is NaN", single.Message);
    }

    public sealed class PixelRow
    {
        [VectorType(3, 64, 64)]
        public float[] Pixels { get; set; } = Array.Empty<float>();
    }

    private static Scored Read(IDataView scored) => new(
        scored.GetColumn<float[]>("Score").ToList(),
        scored.GetColumn<uint>("PredictedLabel").ToList(),
        scored.GetColumn<float[]>("CamFeatures").ToList());

    private sealed record Scored(List<float[]> Scores, List<uint> Predicted, List<float[]> Features);

    public sealed class ImageInput
    {
        public string ImagePath { get; set; } = "";

        public string Label { get; set; } = "";

        public string LabelName { get; set; } = "";

        [VectorType(4)]
        public float[] Box { get; set; } = new float[4];
    }

    public sealed class ScoredRow
    {
        public float[] Score { get; set; } = Array.Empty<float>();

        [KeyType(4)]
        public uint PredictedLabel { get; set; }

        public float[] CamFeatures { get; set; } = Array.Empty<float>();
    }
}
