using HideAndSeek.Data.Synthetic;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.WebApp;
using Microsoft.ML;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;

namespace HideAndSeek.Tests.WebApp;

/// <summary>
/// A tiny model zip (the README's pipeline: JPEG files, 64 px, two epochs of a narrow network; one for all the service's tests) and photos to send it:
/// the validation JPEGs and one enlarged to a non-square 300 x 200, as a phone photo would be.
/// </summary>
public sealed class ServedModelFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public ServedModelFixture()
    {
        var summary = SyntheticWsolGenerator.Generate(_temp.Combine("data"), new SyntheticWsolOptions
        {
            Classes = 3, TrainImagesPerClass = 16, ValidationImagesPerClass = 2, Seed = 7,
        });
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadTinyImageNet(summary.Root, TinyImageNetSplit.Train);
        var pipeline = ImagePipelines.Preprocess(ml)
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(new GapClassifierOptions { MaxEpochs = 2, WidthMultiplier = 0.125, Seed = 3 }))
            .Append(ml.Transforms.LocalizeWithCam());
        var model = pipeline.Fit(train);
        ModelPath = _temp.File("model.zip");
        ml.Model.Save(model, train.Schema, ModelPath);
        (model as IDisposable)?.Dispose();

        Photos = Directory.GetFiles(Path.Combine(summary.Root, "val", "images"), "*.JPEG").Order(StringComparer.Ordinal).Take(4).ToList();
        WidePhoto = _temp.File("wide.jpg");
        using (var image = Image.Load(Photos[0]))
        {
            image.Mutate(c => c.Resize(300, 200));
            image.SaveAsJpeg(WidePhoto);
        }
    }

    /// <summary>The model zip; tests that change the file copy it first.</summary>
    public string ModelPath { get; }

    /// <summary>64 x 64 validation JPEGs.</summary>
    public IReadOnlyList<string> Photos { get; }

    /// <summary>A 300 x 200 JPEG.</summary>
    public string WidePhoto { get; }

    public IEnumerable<string> AllPhotos => Photos.Append(WidePhoto);

    /// <summary>What the zip says about <paramref name="photos"/> scored in one batch, without the service.</summary>
    internal static IReadOnlyList<ImagePrediction> ScoreInBatch(string modelPath, IEnumerable<string> photos)
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(modelPath, out _);
        var rows = ml.Data.LoadFromEnumerable(photos.Select(p => new ImageInput { ImagePath = p }).ToList());
        return ml.Data.CreateEnumerable<ImagePrediction>(model.Transform(rows), reuseRowObject: false).ToList();
    }

    public void Dispose() => _temp.Dispose();
}
