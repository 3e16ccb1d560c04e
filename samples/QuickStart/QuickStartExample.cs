using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.Evaluation;
using HideAndSeek.GapClassifier;
using Microsoft.ML;

namespace HideAndSeek.Samples;

/// <summary>Train with Hide-and-Seek, localise with CAM, evaluate, save and reload — the design's contract, verbatim.</summary>
public static class QuickStartExample
{
    public static LocalizationMetrics Run(string root, string workDir, int epochs = 5, double widthMultiplier = 0.5)
    {
        var ml = new MLContext(seed: 1);
        IDataView train = ml.Data.LoadTinyImageNet(root, TinyImageNetSplit.Train);      // ImagePath, Label (wnid), Box
        IDataView val = ml.Data.LoadTinyImageNet(root, TinyImageNetSplit.Validation);

        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.LoadImages("Image", imageFolder: null, "ImagePath"))
            .Append(ml.Transforms.ResizeImages("Image", 64, 64))                         // ExtractPixels needs a known size
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image"))                     // 3 x H x W floats, 0..255
            .Append(ml.Transforms.HidePatches(16))                                      // training only
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(new GapClassifierOptions
            {
                MaxEpochs = epochs,
                WidthMultiplier = widthMultiplier,
                BatchSize = 64,
                LearningRate = 0.02,
            }))
            .Append(ml.Transforms.LocalizeWithCam());                                   // heatmap + box columns

        ITransformer model = pipeline.Fit(train);
        IDataView scored = model.Transform(val);                                        // no hiding here
        LocalizationMetrics metrics = ml.Localization().Evaluate(scored);

        Directory.CreateDirectory(workDir);
        string zip = Path.Combine(workDir, "model.zip");
        ml.Model.Save(model, train.Schema, zip);                                        // one ordinary ML.NET zip
        var loaded = ml.Model.Load(zip, out _);                                         // same scores, heatmaps, boxes
        _ = loaded.Transform(val);
        return metrics;
    }
}
