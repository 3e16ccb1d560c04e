using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;
using HideAndSeek.Hiding;
using Microsoft.ML;
using Microsoft.ML.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HideAndSeek.Cli.Workflow;

/// <summary>
/// The train command: a full pipeline (preprocessing, optional augmentation and hiding, the GAP classifier, the CAM
/// localiser) trained on a dataset root, with checkpoints, a log, a metrics history and the model zip in the train dir.
/// A train dir that holds checkpoints resumes after the newest one.
/// </summary>
internal static class TrainingRun
{
    public const string ModelFile = "model.zip";
    public const string HistoryFile = "history.tsv";
    public const string LogFile = "train.log";
    public const string SettingsFile = "settings.json";

    /// <summary>settings.json: indented, and NaN or infinities written as strings rather than failing.</summary>
    public static readonly JsonSerializerOptions SettingsJson = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
    public const string CheckpointFolder = "checkpoints";
    public const string CurvesFile = "curves.png";

    public static string Run(TrainSettings s, Action<EpochReport> onEpoch, Action<string> log, CancellationToken cancellation)
    {
        var trainDir = PrepareTrainDir(s.TrainDir);
        var progress = TrainingProgressDisplay.ForConsole();
        using var runLog = new RunLog(Path.Combine(trainDir, LogFile), progress, log);
        File.WriteAllText(Path.Combine(trainDir, SettingsFile), JsonSerializer.Serialize(s, SettingsJson));

        var ml = new MLContext(seed: s.Seed);
        ForwardTrainerLog(ml, runLog);
        var badImages = new BadImageLog(runLog.Write);
        var (train, validation) = LoadData(ml, s, badImages);
        runLog.Log($"training {SeedMethods.SeedName(s.Architecture)} on {s.Dataset}: {train.GetRowCount()?.ToString(CultureInfo.InvariantCulture) ?? "all readable"} images, hiding {s.HideDescription}, augmentation {s.Augmentation}");

        var preprocessing = DatasetLoader.Preprocessing(ml, s.EffectiveImageSize, s.Resize).Fit(train);
        var history = new List<EpochReport>();
        var classifier = ClassifierOptions(s, ml, trainDir, cancellation);
        classifier.StepCompleted = progress.Step;
        classifier.ValidationSet = s.ValidationCapacity > 0 && validation is not null
            ? preprocessing.Transform(DatasetLoader.Sample(ml, validation, s.ValidationCapacity, s.Seed)) : null;
        classifier.EpochCompleted = report =>
        {
            history.Add(report);
            WriteHistory(Path.Combine(trainDir, HistoryFile), history);
            progress.EndLine();
            onEpoch(report);
            if (badImages.TakeNewSummary() is { } skipped)
                runLog.Log($"epoch {report.Epoch + 1}: {skipped}");
        };
        var rest = TrainingOnlySteps(ml, s)
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(classifier))
            .Append(ml.Transforms.LocalizeWithCam())
            .Fit(preprocessing.Transform(train));
        var zip = Save(ml, new TransformerChain<ITransformer>(preprocessing, rest), train.Schema, trainDir);
        runLog.Log($"saved {zip}");
        return zip;
    }

    /// <summary>The trainer's channel: everything to the log file, warnings also to the console (epochs arrive through onEpoch).</summary>
    private static void ForwardTrainerLog(MLContext ml, RunLog runLog)
    {
        ml.Log += (_, e) =>
        {
            if (e.Source != "GapClassifier")
                return;
            if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Warning)
                runLog.Log("warning: " + e.RawMessage);
            else if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Info)
                runLog.Write(e.RawMessage);
        };
    }

    /// <summary>The training split and the held-out rows (validation), unreadable images reported to <paramref name="badImages"/>.</summary>
    private static (IDataView Train, IDataView? Validation) LoadData(MLContext ml, TrainSettings s, BadImageLog badImages)
    {
        var options = new TinyImageNetOptions
        {
            Classes = s.Classes,
            MaxImagesPerClass = s.MaxImagesPerClass,
            SkipBadImages = s.SkipBadImages,
            BadImageSkipped = badImages.Add,
        };
        var train = DatasetLoader.Load(ml, s.Dataset, TinyImageNetSplit.Train, options);
        var validation = DatasetLoader.LoadHeldOut(ml, s.Dataset, new TinyImageNetOptions
        {
            Classes = s.Classes,
            SkipBadImages = s.SkipBadImages,
            BadImageSkipped = badImages.Add,
        });
        return (train, validation);
    }

    /// <summary>Augmentation and hiding, as the settings ask: steps that change pixels during training only.</summary>
    private static IEstimator<ITransformer> TrainingOnlySteps(MLContext ml, TrainSettings s)
    {
        IEstimator<ITransformer> steps = new EstimatorChain<ITransformer>();
        if (s.Augmentation != 0)
            steps = steps.Append(Augmentations.Create(ml, s.Augmentation, s.Seed));
        if (s.Hides)
        {
            steps = steps.Append(ml.Transforms.HidePatches(new HidePatchesOptions
            {
                PatchSizes = s.HideSizes.Count > 0 ? s.HideSizes : new[] { 16 },
                PatchCounts = s.HideSizes.Count > 0 ? null : s.DoHide,
                HideProbability = s.HideProbability,
                Seed = s.Seed,
            }));
        }
        return steps;
    }

    /// <summary>The classifier's options from the settings (the run adds its callbacks and validation set).</summary>
    private static GapClassifierOptions ClassifierOptions(TrainSettings s, MLContext ml, string trainDir, CancellationToken cancellation) => new()
    {
        Architecture = s.Architecture,
        WithoutResize = s.WithoutResize,
        ResizedImageSize = ResNetInputSize(s),
        HighResolutionCam = s.HighResolutionCam,
        BackboneLearningRateMultiplier = s.BackboneLearningRateMultiplier,
        FreezeBatchNorm = s.FreezeBatchNorm,
        FreezeBackbone = s.FreezeBackbone,
        WidthMultiplier = s.WidthMultiplier,
        MaxEpochs = s.MaxEpochs,
        BatchSize = s.BatchSize,
        LearningRate = s.LearningRate,
        MinLearningRate = s.MinLearningRate,
        Seed = s.Seed,
        Device = s.Device,
        Precision = s.Precision,
        Threads = s.Threads,
        LogInterval = s.LogInterval,
        CheckpointDirectory = Path.Combine(trainDir, CheckpointFolder),
        CheckpointInterval = s.CheckpointMinutes > 0 ? TimeSpan.FromMinutes(s.CheckpointMinutes) : null,
        Context = ml,
        CancellationToken = cancellation,
    };

    /// <summary>Writes the model zip, the final history and the training curves; returns the zip's path.</summary>
    private static string Save(MLContext ml, TransformerChain<ITransformer> model, DataViewSchema inputSchema, string trainDir)
    {
        var zip = Path.Combine(trainDir, ModelFile);
        ml.Model.Save(model, inputSchema, zip);
        var fitted = HideAndSeek.HideAndSeekModel.Find<HideAndSeek.GapClassifier.GapClassifierTransformer>(model)!;
        WriteHistory(Path.Combine(trainDir, HistoryFile), fitted.Model.History);
        if (fitted.Model.History.Count > 0)
            HideAndSeek.Visualization.TrainingCurvePlot.Write(fitted.Model.History, Path.Combine(trainDir, CurvesFile));
        return zip;
    }

    /// <summary>
    /// ResNet18's internal side: the one asked for, else the photos' side when the network can run at it (a multiple of
    /// 32, or 16 with the high-resolution CAM), so that photos prepared at that size are not resized again.
    /// </summary>
    internal static int? ResNetInputSize(TrainSettings s)
    {
        if (s.Architecture != HideAndSeek.Networks.GapArchitecture.ResNet18 || s.InputSize is not null)
            return s.InputSize;
        int size = s.EffectiveImageSize;
        return size % (s.HighResolutionCam ? 16 : 32) == 0 ? size : null;
    }

    /// <summary>Creates the train dir and checks it can be written, before any time is spent training.</summary>
    private static string PrepareTrainDir(string trainDir)
    {
        try
        {
            Directory.CreateDirectory(trainDir);
            var probe = Path.Combine(trainDir, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return Path.GetFullPath(trainDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"train dir '{trainDir}' cannot be written: {e.Message}", e);
        }
    }

    public static void WriteHistory(string path, IReadOnlyList<EpochReport> history)
    {
        var text = new StringBuilder("epoch\tstep\ttrain_loss\ttrain_acc\tval_loss\tval_acc\timages_per_s\tlr\tseconds\n");
        string F(double? v) => v is double d ? d.ToString("G6", CultureInfo.InvariantCulture) : "";
        foreach (var r in history)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Epoch + 1}\t{r.Step}\t{F(r.TrainLoss)}\t{F(r.TrainAccuracy)}\t{F(r.ValidationLoss)}\t{F(r.ValidationAccuracy)}\t{F(r.ImagesPerSecond)}\t{F(r.LearningRate)}\t{F(r.Elapsed.TotalSeconds)}\n");
        }
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>train.log, time-stamped lines; <see cref="Log"/> also ends the progress line and prints.</summary>
    private sealed class RunLog(string path, TrainingProgressDisplay progress, Action<string> print) : IDisposable
    {
        private readonly StreamWriter _file = new(path, append: true) { AutoFlush = true };

        /// <summary>To the file only.</summary>
        public void Write(string line) => _file.WriteLine($"{DateTime.Now:yyyy-MM-dd HH:mm:ss} {line}");

        /// <summary>To the file and the console.</summary>
        public void Log(string line)
        {
            Write(line);
            progress.EndLine();
            print(line);
        }

        public void Dispose() => _file.Dispose();
    }
}
