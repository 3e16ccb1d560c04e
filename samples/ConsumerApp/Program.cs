using HideAndSeek.Data.Synthetic;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.Evaluation;
using HideAndSeek.GapClassifier;
using Microsoft.ML;

if (args is ["score", ..]) { ConsumerApp.Scoring.Run(args[1..]); return; } // not in the README
if (args is ["train", var folder]) Directory.SetCurrentDirectory(Directory.CreateDirectory(folder).FullName); // not in the README

// A small synthetic dataset in Tiny ImageNet's layout (use the real one's folder instead when you have it)
string root = SyntheticWsolGenerator.Generate("data", new SyntheticWsolOptions { Classes = 3, TrainImagesPerClass = 40 }).Root;
var ml = new MLContext(seed: 1);
IDataView train = ml.Data.LoadTinyImageNet(root, TinyImageNetSplit.Train);
var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
    .Append(ml.Transforms.LoadImages("Image", imageFolder: null, "ImagePath"))
    .Append(ml.Transforms.ResizeImages("Image", 64, 64))
    .Append(ml.Transforms.ExtractPixels("Pixels", "Image"))
    .Append(ml.Transforms.HidePatches(16))
    .Append(ml.MulticlassClassification.Trainers.GapClassifier(new GapClassifierOptions { MaxEpochs = 3, WidthMultiplier = 0.25 }))
    .Append(ml.Transforms.LocalizeWithCam());
ITransformer model = pipeline.Fit(train);
LocalizationMetrics metrics = ml.Localization().Evaluate(model.Transform(ml.Data.LoadTinyImageNet(root, TinyImageNetSplit.Validation)));
Console.WriteLine(metrics.ToMarkdown());
ml.Model.Save(model, train.Schema, "model.zip");
Console.WriteLine($"saved {Path.GetFullPath("model.zip")}"); // not in the README
