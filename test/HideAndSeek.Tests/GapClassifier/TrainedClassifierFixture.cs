using HideAndSeek.Data.Synthetic;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.GapClassifier;

/// <summary>
/// A small synthetic data set (real JPEGs) and a narrow SmallAlexNetGap trained on it once, shared by the classifier
/// tests: training is the expensive part.
/// </summary>
public sealed class TrainedClassifierFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public TrainedClassifierFixture()
    {
        Summary = SyntheticWsolGenerator.Generate(_dir.Combine("data"), new SyntheticWsolOptions
        {
            Classes = 4,
            TrainImagesPerClass = 60,
            ValidationImagesPerClass = 15,
            Seed = 3,
        });
        Ml = new MLContext(seed: 1);
        Train = Ml.Data.LoadTinyImageNet(Summary.Root, TinyImageNetSplit.Train);
        Validation = Ml.Data.LoadTinyImageNet(Summary.Root, TinyImageNetSplit.Validation);
        Model = Ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(Ml.Transforms.LoadImages("Image", imageFolder: null, "ImagePath"))
            .Append(Ml.Transforms.ResizeImages("Image", 64, 64))
            .Append(Ml.Transforms.ExtractPixels("Pixels", "Image"))
            .Append(Ml.Transforms.DropColumns("Image"))
            .Append(Ml.MulticlassClassification.Trainers.GapClassifier(Options()))
            .Fit(Train);
        Classifier = Model.LastTransformer;
    }

    public static GapClassifierOptions Options() => new()
    {
        WidthMultiplier = 0.25,
        MaxEpochs = 8,
        BatchSize = 32,
        LearningRate = 0.02,
        Seed = 11,
    };

    public SyntheticWsolSummary Summary { get; }

    public MLContext Ml { get; }

    public IDataView Train { get; }

    public IDataView Validation { get; }

    public TransformerChain<GapClassifierTransformer> Model { get; }

    public GapClassifierTransformer Classifier { get; }

    public string Root => Summary.Root;

    public TempDirectory Temp => _dir;

    public void Dispose() => _dir.Dispose();
}
