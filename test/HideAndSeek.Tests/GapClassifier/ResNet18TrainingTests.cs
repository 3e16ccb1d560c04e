using HideAndSeek.Data.Synthetic;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;
using HideAndSeek.Networks;
using HideAndSeek.Networks.Pretrained;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.Torch;
using Microsoft.ML;
using Microsoft.ML.Data;
using System.Diagnostics;
using Xunit.Abstractions;
using static HideAndSeek.Tests.Networks.NetworkTestSupport;

namespace HideAndSeek.Tests.GapClassifier;

/// <summary>
/// ResNet18 trained as the other networks are, at a 64 px internal size so that an epoch over a few generated images
/// takes seconds: ImageNet weights imported when a run starts (not when it resumes), a frozen backbone, model zips.
/// </summary>
public class ResNet18TrainingTests(ResNet18TrainingTests.Data data, ITestOutputHelper output) : IClassFixture<ResNet18TrainingTests.Data>
{
    /// <summary>
    /// Two generated classes, six training and three validation images each, preprocessed to 64 px pixels; one epoch of
    /// ResNet18 trained on them with checkpoints, and the network as imported.
    /// </summary>
    public sealed class Data : IDisposable
    {
        private readonly TempDirectory _dir = new();

        public Data()
        {
            var summary = SyntheticWsolGenerator.Generate(_dir.Combine("data"), new SyntheticWsolOptions
            {
                Classes = 2,
                TrainImagesPerClass = 6,
                ValidationImagesPerClass = 3,
                Seed = 5,
            });
            Ml = new MLContext(1);
            Train = Ml.Data.LoadTinyImageNet(summary.Root, TinyImageNetSplit.Train);
            Validation = Ml.Data.LoadTinyImageNet(summary.Root, TinyImageNetSplit.Validation);
            Preprocessing = ImagePipelines.Preprocess(Ml).Fit(Train);
            Pixels = Preprocessing.Transform(Train);
            var options = Options();
            options.CheckpointDirectory = Checkpoints;
            Trained = Ml.MulticlassClassification.Trainers.GapClassifier(options).Fit(Pixels);
            TorchRuntime.Initialize(TorchDevice.Cpu);
            using var imported = new ResNet18Gap(new GapNetworkOptions { NumClasses = 2, ResizedSide = 64 });
            ResNet18Import.Apply(imported, null);
            Imported = CloneState(imported);
        }

        public MLContext Ml { get; }

        public IDataView Train { get; }

        public IDataView Validation { get; }

        public ITransformer Preprocessing { get; }

        public IDataView Pixels { get; }

        public string Checkpoints => _dir.Combine("checkpoints");

        public GapClassifierTransformer Trained { get; }

        /// <summary>A ResNet18 at 64 px as the import leaves it (its classifier is random).</summary>
        public Dictionary<string, TorchSharp.torch.Tensor> Imported { get; }

        public void Dispose() => _dir.Dispose();
    }

    private static GapClassifierOptions Options() => new()
    {
        Architecture = GapArchitecture.ResNet18,
        ResizedImageSize = 64,
        MaxEpochs = 1,
        BatchSize = 6,
        ScoringBatchSize = 4,
        Seed = 3,
    };

    [Fact]
    public void One_epoch_from_imagenet_weights_scores_identically_batched_row_by_row_and_from_a_zip()
    {
        var ml = data.Ml;
        var trained = data.Trained;
        var model = new TransformerChain<ITransformer>(data.Preprocessing, trained);
        output.WriteLine(string.Join("\n", trained.Model.History));
        Assert.Equal(2 * 2 * 512, trained.Model.FeatureMapHeight * trained.Model.FeatureMapWidth * trained.Model.FeatureChannels);
        Assert.True(Same(data.Imported["mean_image"], trained.Model.Runtime.Network.state_dict()["mean_image"]), "the ImageNet mean image was not imported");

        var batched = Read(model.Transform(data.Validation));
        var engine = ml.Model.CreatePredictionEngine<GapClassifierTests.ImageInput, ScoredRow>(model);
        var rows = ml.Data.CreateEnumerable<GapClassifierTests.ImageInput>(data.Validation, reuseRowObject: false).ToList();
        for (int i = 0; i < rows.Count; i++)
        {
            var p = engine.Predict(rows[i]);
            Assert.Equal(batched.Scores[i], p.Score);
            Assert.Equal(batched.Features[i], p.CamFeatures);
        }

        using var dir = new TempDirectory();
        var clock = Stopwatch.StartNew();
        ml.Model.Save(model, data.Train.Schema, dir.File("model.zip"));
        double save = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var loaded = new MLContext(2).Model.Load(dir.File("model.zip"), out _);
        double loadOnly = clock.Elapsed.TotalSeconds;
        var fromZip = Read(loaded.Transform(data.Validation)); // the weights are deserialised on first use
        double load = clock.Elapsed.TotalSeconds;
        clock.Restart();
        Read(loaded.Transform(data.Validation));
        output.WriteLine($"Model.Load {loadOnly:F2} s, second scoring {clock.Elapsed.TotalSeconds:F2} s");
        output.WriteLine($"model.zip {new FileInfo(dir.File("model.zip")).Length / 1e6:F1} MB: save {save:F2} s, load and score {rows.Count} images {load:F2} s");
        Assert.Equal(batched.Scores, fromZip.Scores);
        Assert.Equal(batched.Features, fromZip.Features);
    }

    [Fact]
    public void A_frozen_backbone_keeps_every_imported_value_and_trains_the_classifier()
    {
        var options = Options();
        options.FreezeBackbone = true;
        var trained = data.Ml.MulticlassClassification.Trainers.GapClassifier(options).Fit(data.Pixels);

        var before = data.Imported;
        var after = trained.Model.Runtime.Network.state_dict();
        foreach (var (key, value) in before.Where(kv => kv.Key.StartsWith("trunk.", StringComparison.Ordinal) || kv.Key == "mean_image"))
            Assert.True(Same(value, after[key]), $"{key} changed");
        Assert.False(Same(before["classifier.weight"], after["classifier.weight"]), "the classifier did not train");
    }

    [Fact]
    public void A_resumed_run_takes_its_weights_from_the_checkpoint_not_the_onnx_file()
    {
        using var checkpoints = new TempDirectory();
        using var noModels = new TempDirectory();
        foreach (var file in Directory.GetFiles(data.Checkpoints))
            File.Copy(file, Path.Combine(checkpoints.Path, Path.GetFileName(file)));
        var options = Options();
        options.CheckpointDirectory = checkpoints.Path;

        // Resuming the fixture's run for a second epoch with no ONNX files in reach: an import would throw FileNotFoundException.
        options.MaxEpochs = 2;
        options.PretrainedModelDirectory = noModels.Path;
        var resumed = data.Ml.MulticlassClassification.Trainers.GapClassifier(options).Fit(data.Pixels);
        Assert.Equal(2, resumed.Model.History.Count);

        // A fresh run in the same place names the package it needs.
        options.CheckpointDirectory = null;
        var e = Assert.Throws<FileNotFoundException>(() => data.Ml.MulticlassClassification.Trainers.GapClassifier(options).Fit(data.Pixels));
        Assert.Contains(DnnImageModels.ResNet18Package, e.Message);
    }

    private static Scored Read(IDataView scored) => new(
        scored.GetColumn<float[]>("Score").ToList(),
        scored.GetColumn<float[]>("CamFeatures").ToList());

    private sealed record Scored(List<float[]> Scores, List<float[]> Features);

    public sealed class ScoredRow
    {
        public float[] Score { get; set; } = Array.Empty<float>();

        [KeyType(2)]
        public uint PredictedLabel { get; set; }

        public float[] CamFeatures { get; set; } = Array.Empty<float>();
    }
}
