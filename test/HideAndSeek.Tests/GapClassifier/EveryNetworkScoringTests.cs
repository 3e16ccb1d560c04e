using HideAndSeek.Data.Synthetic;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;
using HideAndSeek.Networks;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.GapClassifier;

/// <summary>
/// Every architecture, at a width whose channel counts straddle the SIMD blocks where libtorch's NCHW convolutions
/// go wrong, trained for one epoch and scored through every path: batched Transform, PredictionEngine, a zip loaded
/// in another process, and the zip restored to our own transformer. All finite and bit-identical.
/// </summary>
public class EveryNetworkScoringTests : IClassFixture<EveryNetworkScoringTests.TinyData>
{
    private readonly TinyData _data;
    private readonly ITestOutputHelper _output;

    public EveryNetworkScoringTests(TinyData data, ITestOutputHelper output)
    {
        _data = data;
        _output = output;
    }

    [Theory]
    [InlineData(GapArchitecture.SmallAlexNetGap)]
    [InlineData(GapArchitecture.AlexNetGap)]
    [InlineData(GapArchitecture.AlexNetGmp)]
    [InlineData(GapArchitecture.DropAlexNetGap)]
    [InlineData(GapArchitecture.GoogLeNetGap)]
    [InlineData(GapArchitecture.CustomNetGap)]
    public void Scores_and_feature_maps_are_finite_and_equal_on_every_path(GapArchitecture architecture)
    {
        var ml = new MLContext(seed: 1);
        var model = ImagePipelines.Preprocess(ml)
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(new GapClassifierOptions
            {
                Architecture = architecture,
                WidthMultiplier = 0.1,
                MaxEpochs = 1,
                BatchSize = 8,
                Seed = 5,
            }))
            .Fit(_data.Train);

        var batched = Read(model.Transform(_data.Validation));
        Assert.All(batched.Scores, s => Assert.All(s, v => Assert.True(float.IsFinite(v), "score not finite")));
        Assert.All(batched.Features, f => Assert.All(f, v => Assert.True(float.IsFinite(v), "feature not finite")));
        Assert.All(batched.Scores, s => Assert.Equal(1.0, s.Sum(), 4));

        var rows = ml.Data.CreateEnumerable<GapClassifierTests.ImageInput>(_data.Validation, reuseRowObject: false).ToList();
        var engine = ml.Model.CreatePredictionEngine<GapClassifierTests.ImageInput, GapClassifierTests.ScoredRow>(model);
        for (int i = 0; i < rows.Count; i++)
        {
            var p = engine.Predict(rows[i]);
            Assert.Equal(batched.Scores[i], p.Score);
            Assert.Equal(batched.Features[i], p.CamFeatures);
        }

        using var dir = new TempDirectory();
        var child = Read(TestProcess.TransformInChild(ml, model, _data.Validation, dir.Path));
        Assert.Equal(batched.Scores, child.Scores);
        Assert.Equal(batched.Features, child.Features);

        var loaded = ml.Model.Load(dir.File("model.zip"), out _);
        var restored = HideAndSeekModel.Restore(loaded);
        Assert.Equal(batched.Scores, Read(restored.Transform(_data.Validation)).Scores);
        _output.WriteLine($"{architecture}: {rows.Count} images, first scores {string.Join(", ", batched.Scores[0].Select(v => v.ToString("F4")))}");
    }

    private static Scored Read(IDataView scored) => new(
        scored.GetColumn<float[]>("Score").ToList(),
        scored.GetColumn<float[]>("CamFeatures").ToList());

    private sealed record Scored(List<float[]> Scores, List<float[]> Features);

    /// <summary>Four classes of generated JPEGs, a handful each: enough to train one epoch and score a few rows.</summary>
    public sealed class TinyData : IDisposable
    {
        private readonly TempDirectory _dir = new();

        public TinyData()
        {
            var summary = SyntheticWsolGenerator.Generate(_dir.Combine("data"), new SyntheticWsolOptions
            {
                Classes = 4,
                TrainImagesPerClass = 4,
                ValidationImagesPerClass = 2,
                Seed = 8,
            });
            var ml = new MLContext(seed: 1);
            Train = ml.Data.LoadTinyImageNet(summary.Root, TinyImageNetSplit.Train);
            Validation = ml.Data.LoadTinyImageNet(summary.Root, TinyImageNetSplit.Validation);
        }

        public IDataView Train { get; }

        public IDataView Validation { get; }

        public void Dispose() => _dir.Dispose();
    }
}
