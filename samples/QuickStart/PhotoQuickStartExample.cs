using HideAndSeek.Data.Manifest;
using HideAndSeek.Evaluation;
using HideAndSeek.GapClassifier;
using HideAndSeek.Networks;
using HideAndSeek.Photos;
using Microsoft.ML;

namespace HideAndSeek.Samples;

/// <summary>
/// Your own photos from C#: a manifest with a train/test split (e.g. ../shared/data/pets-3), ResNet18's frozen ImageNet
/// features at 224 px, boxes in each photo's own pixels; evaluate, save, reload and localise one photo.
/// </summary>
public static class PhotoQuickStartExample
{
    /// <summary>One photo's answer: class, box in the photo's pixels (xmin, ymin, xmax, ymax) and the photo's size.</summary>
    public sealed record PhotoAnswer(string Label, float[] Box, int Width, int Height);

    public static (LocalizationMetrics Metrics, PhotoAnswer First) Run(string manifest, string workDir, int epochs = 6,
        int? maxImagesPerClass = null)
    {
        var ml = new MLContext(seed: 1);
        IDataView train = ml.Data.LoadImageManifest(manifest, new ImageManifestOptions { Split = "train", MaxImagesPerClass = maxImagesPerClass });
        IDataView test = ml.Data.LoadImageManifest(manifest, new ImageManifestOptions { Split = "test", MaxImagesPerClass = maxImagesPerClass });

        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.PreparePhotos(224, PhotoResizing.Stretch))          // PhotoGeometry + Pixels, any photo size
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(new GapClassifierOptions
            {
                Architecture = GapArchitecture.ResNet18,
                FreezeBackbone = true,      // a linear classifier on ImageNet features
                MaxEpochs = epochs,
                BatchSize = 32,
            }))
            .Append(ml.Transforms.LocalizeWithCam());                                // ... PredictedBox, PhotoBox

        ITransformer model = pipeline.Fit(train);
        LocalizationMetrics metrics = ml.Localization().Evaluate(model.Transform(test));   // IoU in the photos' pixels

        Directory.CreateDirectory(workDir);
        string zip = Path.Combine(workDir, "photos-model.zip");
        ml.Model.Save(model, train.Schema, zip);
        ITransformer loaded = ml.Model.Load(zip, out _);

        // A new photo needs only its path; the label column is there for the schema and may be empty.
        string firstPhoto = ml.Data.CreateEnumerable<ManifestRow>(test, reuseRowObject: false).First().ImagePath;
        var photos = ml.Data.LoadFromEnumerable(new[] { new Photo { ImagePath = firstPhoto } });
        IDataView scored = loaded.Transform(photos);
        scored = ml.Transforms.Conversion.MapKeyToValue("PredictedClass", "PredictedLabel").Fit(scored).Transform(scored);   // key -> class name
        var row = ml.Data.CreateEnumerable<Localized>(scored, reuseRowObject: false).Single();
        return (metrics, new PhotoAnswer(row.PredictedClass, row.PhotoBox, (int)row.PhotoGeometry[0], (int)row.PhotoGeometry[1]));
    }

    private sealed class ManifestRow
    {
        public string ImagePath { get; set; } = "";
    }

    private sealed class Photo
    {
        public string ImagePath { get; set; } = "";
        public string Label { get; set; } = "";
    }

    private sealed class Localized
    {
        public string PredictedClass { get; set; } = "";
        public float[] PhotoBox { get; set; } = [];
        public float[] PhotoGeometry { get; set; } = [];
    }
}
