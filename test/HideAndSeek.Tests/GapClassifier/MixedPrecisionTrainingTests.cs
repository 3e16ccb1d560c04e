using HideAndSeek.GapClassifier;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.GapClassifier;

public class MixedPrecisionTrainingTests : IClassFixture<TrainedClassifierFixture>
{
    private readonly TrainedClassifierFixture _f;
    private readonly ITestOutputHelper _output;

    public MixedPrecisionTrainingTests(TrainedClassifierFixture fixture, ITestOutputHelper output)
    {
        _f = fixture;
        _output = output;
    }

    [RequiresBFloat16Fact]
    public void Bfloat16_training_learns_as_well_as_float32_and_scores_in_float32()
    {
        var ml = new MLContext(1);
        var options = TrainedClassifierFixture.Options();
        options.Precision = TrainingPrecision.BFloat16;
        var model = ImagePipelines.Preprocess(ml).Append(ml.MulticlassClassification.Trainers.GapClassifier(options)).Fit(_f.Train);
        var classifier = HideAndSeekModel.Find<GapClassifierTransformer>(model)!;
        _output.WriteLine(string.Join("\n", classifier.Model.History));
        double bf16 = ml.MulticlassClassification.Evaluate(model.Transform(_f.Validation)).MicroAccuracy;
        double fp32 = _f.Ml.MulticlassClassification.Evaluate(_f.Model.Transform(_f.Validation)).MicroAccuracy;
        _output.WriteLine($"validation accuracy: bfloat16 {bf16:P1}, float32 {fp32:P1} (chance 25%)");
        Assert.True(bf16 >= 0.6, $"bfloat16 accuracy {bf16:P1}");
        Assert.True(Math.Abs(bf16 - fp32) <= 0.15, $"bfloat16 {bf16:P1} against float32 {fp32:P1}");
        Assert.True(classifier.Model.History[^1].TrainLoss < classifier.Model.History[0].TrainLoss);
        // Scoring does not use the training precision: a batch and the same rows one by one agree bit for bit.
        var scored = model.Transform(_f.Validation);
        var batched = scored.GetColumn<float[]>("Score").ToList();
        var engine = ml.Model.CreatePredictionEngine<GapClassifierTests.ImageInput, GapClassifierTests.ScoredRow>(model);
        var rows = ml.Data.CreateEnumerable<GapClassifierTests.ImageInput>(_f.Validation, reuseRowObject: false).Take(5).ToList();
        for (int i = 0; i < rows.Count; i++)
            Assert.Equal(batched[i], engine.Predict(rows[i]).Score);
    }

    [Fact]
    public void An_undefined_precision_is_rejected_naming_the_option()
    {
        var options = TrainedClassifierFixture.Options();
        options.Precision = (TrainingPrecision)7;
        var ml = new MLContext(1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.Trainers.GapClassifier(options));
        Assert.Contains("Precision", e.Message);
    }
}
