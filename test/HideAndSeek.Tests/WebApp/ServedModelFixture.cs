using HideAndSeek.Data.Synthetic;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;
using HideAndSeek.Photos;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.WebApp;
using Microsoft.ML;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;

namespace HideAndSeek.Tests.WebApp;

/// <summary>
/// A tiny model zip (JPEG files through PreparePhotos, centre-cropped to 64 px, two epochs of a narrow network; one for
/// all the service's tests), one without photo geometry (ML.NET's ResizeImages directly, as zips were saved before
/// PreparePhotos) that the service must refuse, and photos to send: the validation JPEGs and one enlarged to a
/// non-square 300 x 200, as a phone photo would be.
/// </summary>
public sealed class ServedModelFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public ServedModelFixture()
    {
        var summary = SyntheticWsolGenerator.Generate(_temp.Combine("data"), new SyntheticWsolOptions
        {
            Classes = 3,
            TrainImagesPerClass = 16,
            ValidationImagesPerClass = 2,
            Seed = 7,
        });
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadTinyImageNet(summary.Root, TinyImageNetSplit.Train);
        // Crop, so that a wide photo's box is mapped back through a real crop offset.
        var prepared = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.Transforms.PreparePhotos(64, PhotoResizing.Crop));
        ModelPath = Train(ml, prepared, train, epochs: 2, "model.zip");
        LegacyModelPath = Train(ml, ImagePipelines.Preprocess(ml), train, epochs: 1, "legacy-model.zip");

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

    /// <summary>A model zip without a PhotoGeometry column: its boxes are in the network's pixels only.</summary>
    public string LegacyModelPath { get; }

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

    private string Train(MLContext ml, IEstimator<ITransformer> preprocessing, IDataView train, int epochs, string name)
    {
        var model = preprocessing
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(new GapClassifierOptions { MaxEpochs = epochs, WidthMultiplier = 0.125, Seed = 3 }))
            .Append(ml.Transforms.LocalizeWithCam())
            .Fit(train);
        string path = _temp.File(name);
        ml.Model.Save(model, train.Schema, path);
        model.Dispose();
        return path;
    }
}
