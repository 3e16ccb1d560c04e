using HideAndSeek.GapClassifier;
using HideAndSeek.Networks;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.GapClassifier;

public class CheckpointResumeTests : IClassFixture<TrainedClassifierFixture>
{
    private readonly TrainedClassifierFixture _f;
    private readonly ITestOutputHelper _output;

    public CheckpointResumeTests(TrainedClassifierFixture fixture, ITestOutputHelper output)
    {
        _f = fixture;
        _output = output;
    }

    private IDataView HiddenTrainingData(MLContext ml, out IDataView prepared)
    {
        prepared = ImagePipelines.Preprocess(ml).Fit(_f.Train).Transform(_f.Train);
        // Hiding makes the run depend on per-epoch masks, which a resumed run must replay exactly.
        return ml.Transforms.HidePatches(16, seed: 4).Fit(prepared).TransformForTraining(prepared);
    }

    private static GapClassifierOptions Options(string directory, int epochs) => new()
    {
        WidthMultiplier = 0.25,
        MaxEpochs = epochs,
        BatchSize = 32,
        LearningRate = 0.02,
        Seed = 5,
        CheckpointDirectory = directory,
        KeepCheckpoints = 2,
    };

    [Fact]
    public void A_resumed_run_ends_with_the_same_scores_as_an_uninterrupted_run()
    {
        var ml = new MLContext(1);
        var data = HiddenTrainingData(ml, out var prepared);
        using var straight = new TempDirectory();
        var uninterrupted = ml.MulticlassClassification.Trainers.GapClassifier(Options(straight.Path, 4)).Fit(data);

        using var broken = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        var first = Options(broken.Path, 4);
        first.CancellationToken = cancel.Token;
        first.EpochCompleted = report =>
        {
            if (report.Epoch == 1)
                cancel.Cancel(); // as Ctrl+C after the second epoch
        };
        Assert.ThrowsAny<OperationCanceledException>(() => ml.MulticlassClassification.Trainers.GapClassifier(first).Fit(data));
        Assert.Equal(2, Directory.GetFiles(broken.Path, "*.ckpt").Length);

        var resumed = ml.MulticlassClassification.Trainers.GapClassifier(Options(broken.Path, 4)).Fit(data);
        Assert.Equal(4, resumed.Model.History.Count);
        Assert.Equal(uninterrupted.Model.History.Select(h => h.TrainLoss), resumed.Model.History.Select(h => h.TrainLoss));
        Assert.Equal(uninterrupted.Transform(prepared).GetColumn<float[]>("Score"), resumed.Transform(prepared).GetColumn<float[]>("Score"));
        Assert.Equal(2, Directory.GetFiles(broken.Path, "*.ckpt").Length); // only the newest two are kept
    }

    [Theory]
    [InlineData(GapArchitecture.SmallAlexNetGap)]
    [InlineData(GapArchitecture.DropAlexNetGap)] // pixel dropout: the resumed run must replay torch's generator too
    internal void A_run_stopped_in_the_middle_of_an_epoch_resumes_step_for_step(GapArchitecture architecture)
    {
        var ml = new MLContext(1);
        var data = HiddenTrainingData(ml, out var prepared);
        GapClassifierOptions With(string dir)
        {
            var o = Options(dir, 3);
            o.Architecture = architecture;
            o.WithoutResize = true;
            o.CheckpointInterval = null; // only the stop writes a mid-epoch checkpoint
            return o;
        }
        using var straight = new TempDirectory();
        var uninterrupted = ml.MulticlassClassification.Trainers.GapClassifier(With(straight.Path)).Fit(data);

        using var broken = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        var first = With(broken.Path);
        first.CancellationToken = cancel.Token;
        first.StepCompleted = p =>
        {
            if (p.Epoch == 1 && p.Step == 3)
                cancel.Cancel(); // as SIGTERM in the middle of the second epoch
        };
        var stop = Assert.Throws<TrainingInterruptedException>(() => ml.MulticlassClassification.Trainers.GapClassifier(first).Fit(data));
        _output.WriteLine(stop.Message);
        Assert.Equal(1, stop.Epoch);
        Assert.Equal(3, stop.Step);
        Assert.EndsWith("checkpoint-epoch-0001-step-000003.ckpt", stop.CheckpointPath);

        var messages = new List<string>();
        var second = With(broken.Path);
        second.Context = new MLContext(1);
        second.Context.Log += (_, e) => messages.Add(e.Message);
        var resumed = ml.MulticlassClassification.Trainers.GapClassifier(second).Fit(data);
        Assert.Contains(messages, m => m.Contains("in epoch 2, after its step 3"));
        Assert.Equal(uninterrupted.Model.History.Select(h => h.TrainLoss), resumed.Model.History.Select(h => h.TrainLoss));
        Assert.Equal(uninterrupted.Model.History.Select(h => h.Step), resumed.Model.History.Select(h => h.Step));
        Assert.Equal(uninterrupted.Model.ClassifierWeights.ToArray(), resumed.Model.ClassifierWeights.ToArray());
        Assert.Equal(uninterrupted.Transform(prepared).GetColumn<float[]>("Score"), resumed.Transform(prepared).GetColumn<float[]>("Score"));
        // The epoch-end checkpoints replaced the mid-epoch one.
        Assert.DoesNotContain(Directory.GetFiles(broken.Path, "*.ckpt"), f => f.Contains("-step-"));
    }

    [Fact]
    public void Mid_epoch_checkpoints_are_written_at_the_interval_and_pruned()
    {
        var ml = new MLContext(1);
        var data = HiddenTrainingData(ml, out _);
        using var dir = new TempDirectory();
        var seen = new List<string[]>();
        var options = Options(dir.Path, 1);
        options.CheckpointInterval = TimeSpan.Zero; // after every step
        options.StepCompleted = _ => seen.Add(Directory.GetFiles(dir.Path, "*.ckpt").Select(Path.GetFileName).ToArray()!);
        ml.MulticlassClassification.Trainers.GapClassifier(options).Fit(data);
        // Before step 3 runs, steps 1 and 2 have checkpoints (KeepCheckpoints = 2).
        Assert.Equal(new[] { "checkpoint-epoch-0000-step-000001.ckpt", "checkpoint-epoch-0000-step-000002.ckpt" }, seen[2].Order());
        Assert.Equal(new[] { "checkpoint-epoch-0001.ckpt" }, Directory.GetFiles(dir.Path, "*.ckpt").Select(Path.GetFileName).ToArray());
    }

    [Fact]
    public void Different_seeds_give_different_models_and_equal_seeds_equal_ones()
    {
        var ml = new MLContext(1);
        var prepared = ImagePipelines.Preprocess(ml).Fit(_f.Train).Transform(_f.Train);
        GapClassifierOptions With(int seed) => new() { WidthMultiplier = 0.25, MaxEpochs = 1, BatchSize = 32, Seed = seed };
        var a = ml.MulticlassClassification.Trainers.GapClassifier(With(1)).Fit(prepared);
        var b = ml.MulticlassClassification.Trainers.GapClassifier(With(1)).Fit(prepared);
        var c = ml.MulticlassClassification.Trainers.GapClassifier(With(2)).Fit(prepared);
        Assert.Equal(a.Model.ClassifierWeights.ToArray(), b.Model.ClassifierWeights.ToArray());
        Assert.NotEqual(a.Model.ClassifierWeights.ToArray(), c.Model.ClassifierWeights.ToArray());
    }

    [Fact]
    public void A_damaged_newest_checkpoint_is_skipped_and_the_run_resumes_from_the_one_before()
    {
        var ml = new MLContext(1);
        var data = HiddenTrainingData(ml, out _);
        using var dir = new TempDirectory();
        ml.MulticlassClassification.Trainers.GapClassifier(Options(dir.Path, 2)).Fit(data);
        var newest = Directory.GetFiles(dir.Path, "*.ckpt").Max()!;
        var bytes = File.ReadAllBytes(newest);
        File.WriteAllBytes(newest, bytes.AsSpan(0, bytes.Length / 2).ToArray()); // a truncated copy

        var messages = new List<string>();
        var options = Options(dir.Path, 3);
        options.Context = new MLContext(1);
        options.Context.Log += (_, e) => messages.Add(e.Message);
        var model = ml.MulticlassClassification.Trainers.GapClassifier(options).Fit(data);
        Assert.Contains(messages, m => m.Contains("Skipping damaged checkpoint") && m.Contains("checksum"));
        Assert.Contains(messages, m => m.Contains("after epoch 1"));
        Assert.Equal(3, model.Model.History.Count);
    }

    [Fact]
    public void Checkpoints_of_another_architecture_or_class_set_are_refused()
    {
        var ml = new MLContext(1);
        var prepared = ImagePipelines.Preprocess(ml).Fit(_f.Train).Transform(_f.Train);
        using var dir = new TempDirectory();
        ml.MulticlassClassification.Trainers.GapClassifier(Options(dir.Path, 1)).Fit(prepared);

        var other = Options(dir.Path, 2);
        other.Architecture = GapArchitecture.CustomNetGap;
        var e = Assert.Throws<InvalidOperationException>(() => ml.MulticlassClassification.Trainers.GapClassifier(other).Fit(prepared));
        _output.WriteLine(e.Message);
        Assert.Contains("SmallAlexNetGap", e.Message);
        Assert.Contains("CustomNetGap", e.Message);
        Assert.Contains(dir.Path, e.Message);

        var subset = ml.Data.LoadTinyImageNet(_f.Root, HideAndSeek.Data.TinyImageNet.TinyImageNetSplit.Train,
            new HideAndSeek.Data.TinyImageNet.TinyImageNetOptions { Classes = File.ReadAllLines(Path.Combine(_f.Root, "wnids.txt")).Take(3).ToList() });
        var fewer = ImagePipelines.Preprocess(ml).Fit(subset).Transform(subset);
        var classes = Assert.Throws<InvalidOperationException>(() => ml.MulticlassClassification.Trainers.GapClassifier(Options(dir.Path, 2)).Fit(fewer));
        Assert.Contains("4 classes", classes.Message);
        Assert.Contains("3 classes", classes.Message);
    }

    [Fact]
    public void Early_stopping_ends_when_validation_stalls_and_keeps_the_best_epoch()
    {
        var ml = new MLContext(1);
        var prep = ImagePipelines.Preprocess(ml).Fit(_f.Train);
        var validation = prep.Transform(_f.Validation);
        var options = new GapClassifierOptions
        {
            WidthMultiplier = 0.25,
            MaxEpochs = 12,
            BatchSize = 32,
            LearningRate = 0.02,
            Seed = 3,
            ValidationSet = validation,
            EarlyStoppingPatience = 2,
        };
        var model = ml.MulticlassClassification.Trainers.GapClassifier(options).Fit(prep.Transform(_f.Train));
        var history = model.Model.History;
        foreach (var epoch in history)
            _output.WriteLine(epoch.ToString());
        // These images are easy: validation accuracy stops improving within a few epochs.
        Assert.True(history.Count < 12, "training did not stop early");
        int best = history.Select((h, i) => (h.ValidationAccuracy!.Value, i)).Max().i;
        Assert.Equal(history.Count - 1 - options.EarlyStoppingPatience, history.ToList().FindIndex(h => h.ValidationAccuracy == history[best].ValidationAccuracy));
        // The weights of the best epoch are the ones kept.
        var predicted = model.Transform(validation).GetColumn<uint>("PredictedLabel").ToList();
        var labels = validation.GetColumn<uint>("Label").ToList();
        double accuracy = predicted.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Count;
        // (The trainer's report uses torch's classifier, scoring the C# head: a near tie may flip one image.)
        double reported = history[best].ValidationAccuracy!.Value;
        Assert.InRange(accuracy, reported - 1.5 / labels.Count, reported + 1.5 / labels.Count);
    }

    [Fact]
    public void Exported_weights_start_a_new_run_where_the_old_one_ended()
    {
        var ml = new MLContext(1);
        var prepared = ImagePipelines.Preprocess(ml).Fit(_f.Train).Transform(_f.Train);
        using var dir = new TempDirectory();
        var weights = dir.File("weights.dat");
        _f.Classifier.Model.ExportWeights(weights);
        var options = TrainedClassifierFixture.Options();
        options.MaxEpochs = 1;
        options.LearningRate = options.MinLearningRate = 1e-12; // keep the imported weights (BatchNorm statistics still move a little)
        options.InitialWeights = weights;
        var continued = ml.MulticlassClassification.Trainers.GapClassifier(options).Fit(prepared);
        var before = _f.Classifier.Transform(prepared).GetColumn<uint>("PredictedLabel").ToList();
        var after = continued.Transform(prepared).GetColumn<uint>("PredictedLabel").ToList();
        double agreement = before.Zip(after).Count(p => p.First == p.Second) / (double)before.Count;
        _output.WriteLine($"predictions kept: {agreement:P1}");
        Assert.True(agreement > 0.9);

        options.Architecture = GapArchitecture.CustomNetGap;
        var e = Assert.Throws<InvalidDataException>(() => ml.MulticlassClassification.Trainers.GapClassifier(options).Fit(prepared));
        Assert.Contains("weights.dat", e.Message);
        options.InitialWeights = dir.File("missing.dat");
        Assert.Throws<FileNotFoundException>(() => ml.MulticlassClassification.Trainers.GapClassifier(options).Fit(prepared));
    }

    [Fact]
    public void Progress_reaches_the_callback_and_the_ml_net_log()
    {
        var ml = new MLContext(1);
        var prepared = ImagePipelines.Preprocess(ml).Fit(_f.Train).Transform(_f.Train);
        var validation = ImagePipelines.Preprocess(ml).Fit(_f.Train).Transform(_f.Validation);
        var reports = new List<EpochReport>();
        var log = new List<string>();
        var context = new MLContext(1);
        context.Log += (_, e) => log.Add(e.Message);
        var options = new GapClassifierOptions
        {
            WidthMultiplier = 0.25,
            MaxEpochs = 2,
            BatchSize = 32,
            ValidationSet = validation,
            EpochCompleted = reports.Add,
            Context = context,
            LogInterval = 3,
        };
        ml.MulticlassClassification.Trainers.GapClassifier(options).Fit(prepared);
        Assert.Equal(2, reports.Count);
        Assert.All(reports, r =>
        {
            Assert.NotNull(r.ValidationAccuracy);
            Assert.True(r.ImagesPerSecond > 0);
            Assert.Equal(0, r.SkippedRows);
        });
        Assert.Equal(0.01, reports[0].LearningRate, 6);
        Assert.Equal(0.0001, reports[1].LearningRate, 6);
        Assert.Contains(log, m => m.Contains("epoch 2/2"));
        Assert.Contains(log, m => m.Contains("step 3"));
    }
}
