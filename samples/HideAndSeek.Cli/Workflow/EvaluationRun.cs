using HideAndSeek.Boxes;
using HideAndSeek.CamLocalization;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.Evaluation;
using HideAndSeek.GapClassifier;
using Microsoft.ML;
using System.Text.Json;

namespace HideAndSeek.Cli.Workflow;

/// <summary>
/// The test command: loads a model zip, scores the validation split, evaluates the seed protocol at each threshold
/// (threshold chosen on training images, not on the reported split), MaxBoxAccV2 and the centre baseline, and writes
/// the result file and the pictures.
/// </summary>
internal static class EvaluationRun
{
    public sealed record Outcome(LocalizationMetrics Metrics, IReadOnlyDictionary<string, string> Info, string? ResultPath, ITransformer Model, IDataView Scored);

    /// <param name="s">What to evaluate.</param>
    /// <param name="log">Where informational lines go.</param>
    /// <param name="watch">Wraps each scored view before it is read (progress, cancellation); null reads them as they are.</param>
    public static Outcome Run(TestSettings s, Action<string> log, Func<IDataView, string, IDataView>? watch = null)
    {
        watch ??= (view, _) => view;
        var ml = new MLContext(seed: s.Seed);
        string zip = ResolveModel(s.Checkpoint);
        ITransformer loaded;
        try
        {
            loaded = ml.Model.Load(zip, out _);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new UserError($"cannot load model '{zip}': {e.Message} (a zip from an incompatible or older format, or a damaged file)", e);
        }
        // Our own component types again: the classifier then scores in batches.
        var model = HideAndSeekModel.Restore(loaded);
        var classifier = HideAndSeekModel.Find<GapClassifierTransformer>(model)
            ?? throw new UserError($"'{zip}' holds no GapClassifier; it was not written by 'train'");
        var localizer = HideAndSeekModel.Find<CamLocalizer>(model);

        var badImages = new BadImageLog(log);
        var options = new TinyImageNetOptions { Classes = s.Classes, SkipBadImages = s.SkipBadImages, BadImageSkipped = badImages.Add };
        var validation = DatasetLoader.Load(ml, s.Dataset, TinyImageNetSplit.Validation, options);
        var scored = Score(ml, model, classifier, localizer, validation, s);
        IDataView? selection = null;
        if (s.SelectionImages > 0)
        {
            var train = DatasetLoader.Load(ml, s.Dataset, TinyImageNetSplit.Train, options);
            selection = Score(ml, model, classifier, localizer, DatasetLoader.Sample(ml, train, s.SelectionImages, s.Seed), s);
        }
        var boxMode = s.BoxMode ?? localizer?.Options.BoxMode ?? BoxMode.AllForeground;
        var evaluation = new LocalizationEvaluationOptions
        {
            Thresholds = s.Thresholds,
            BoxMode = boxMode,
            MaxBoxAccConvention = s.WsolConvention ? LocalizationConvention.WsolEvaluation : LocalizationConvention.Tight,
        };
        log($"evaluating {zip} on {validation.GetRowCount()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the readable"} validation images" + (selection is null ? "" : $", choosing the threshold on {s.SelectionImages} training images"));
        var metrics = selection is null
            ? ml.Localization().Evaluate(watch(scored, "evaluating"), evaluation)
            : ml.Localization().Evaluate(watch(scored, "evaluating"), watch(selection, "choosing the threshold"), evaluation);

        if (badImages.TakeNewSummary() is { } skipped)
            log(skipped);
        var info = Describe(zip, s);
        info["box_mode"] = BoxModeNames.Of(boxMode);
        string? resultPath = null;
        if (s.Output is { } output)
        {
            ResultFile.Write(output, info, metrics);
            resultPath = Path.GetFullPath(output);
        }
        return new Outcome(metrics, info, resultPath, model, scored);
    }

    private static IDataView Score(MLContext ml, ITransformer model, GapClassifierTransformer classifier, CamLocalizer? localizer, IDataView data, TestSettings s)
    {
        var scored = model.Transform(data);
        if (!s.MultiCrop && localizer is not null && (s.BoxMode is null || s.BoxMode == localizer.Options.BoxMode))
            return scored;
        // The ten-crop test, another box mode (or a model saved without a localiser): a localiser for the loaded classifier.
        var options = localizer?.Options ?? new CamLocalizerOptions();
        options.MultiCrop = s.MultiCrop;
        options.BoxMode = s.BoxMode ?? options.BoxMode;
        return ml.Transforms.LocalizeWithCam(classifier, options).Fit(scored).Transform(scored);
    }

    public static string ResolveModel(string checkpoint)
    {
        if (Directory.Exists(checkpoint))
        {
            var zip = Path.Combine(checkpoint, TrainingRun.ModelFile);
            if (File.Exists(zip))
                return zip;
            throw new UserError(Directory.Exists(Path.Combine(checkpoint, TrainingRun.CheckpointFolder))
                ? $"'{checkpoint}' has checkpoints but no {TrainingRun.ModelFile}: training did not finish; run the same train command to resume"
                : $"'{checkpoint}' holds no {TrainingRun.ModelFile}");
        }
        if (!File.Exists(checkpoint))
            throw new UserError($"model '{checkpoint}' does not exist");
        return checkpoint;
    }

    private static Dictionary<string, string> Describe(string zip, TestSettings s)
    {
        var info = new Dictionary<string, string>
        {
            ["model"] = Path.GetFullPath(zip),
            ["dataset"] = Path.GetFullPath(s.Dataset),
            ["multi_crop"] = s.MultiCrop ? "yes" : "no",
        };
        var settings = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(zip))!, TrainingRun.SettingsFile);
        if (File.Exists(settings))
        {
            try
            {
                var train = JsonSerializer.Deserialize<TrainSettings>(File.ReadAllText(settings), TrainingRun.SettingsJson);
                if (train is not null)
                {
                    info["method"] = SeedMethods.SeedName(train.Architecture);
                    info["hide"] = train.HideDescription;
                    info["seed"] = train.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    info["epochs"] = train.MaxEpochs.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    info["width"] = train.WidthMultiplier.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (train.Architecture == HideAndSeek.Networks.GapArchitecture.ResNet18)
                    {
                        // Frozen and fine-tuned backbones are different methods in a report, not seeds of one.
                        info["backbone"] = train.FreezeBackbone ? "frozen" : "fine-tuned";
                        info["input"] = (TrainingRun.ResNetInputSize(train) ?? 224).ToString(System.Globalization.CultureInfo.InvariantCulture) +
                            (train.HighResolutionCam ? "px-high-res-cam" : "px");
                    }
                }
            }
            catch (JsonException)
            {
                // settings from another version: the result file simply says less about the run
            }
        }
        return info;
    }
}
