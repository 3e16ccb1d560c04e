using HideAndSeek.Data.Synthetic;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.Photos;
using HideAndSeek.Tests.GapClassifier;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.Photos;

/// <summary>
/// A narrow classifier and localiser trained once on generated 64 px photos through <c>PreparePhotos</c>, shared by
/// the photo-space tests.
/// </summary>
public sealed class PhotoModelFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public PhotoModelFixture()
    {
        Summary = SyntheticWsolGenerator.Generate(_dir.Combine("data"), new SyntheticWsolOptions
        {
            Classes = 3,
            TrainImagesPerClass = 40,
            ValidationImagesPerClass = 6,
            WriteMasks = true,
            Seed = 5,
        });
        Ml = new MLContext(seed: 1);
        Train = Ml.Data.LoadTinyImageNet(Summary.Root, TinyImageNetSplit.Train);
        Validation = Ml.Data.LoadTinyImageNet(Summary.Root, TinyImageNetSplit.Validation);
        var options = TrainedClassifierFixture.Options();
        options.MaxEpochs = 4;
        Model = Ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(Ml.Transforms.PreparePhotos(64, PhotoResizing.Stretch))
            .Append(Ml.MulticlassClassification.Trainers.GapClassifier(options))
            .Append(Ml.Transforms.LocalizeWithCam())
            .Fit(Train);
    }

    public SyntheticWsolSummary Summary { get; }

    public MLContext Ml { get; }

    public IDataView Train { get; }

    public IDataView Validation { get; }

    public TransformerChain<HideAndSeek.CamLocalization.CamLocalizer> Model { get; }

    public TempDirectory Temp => _dir;

    public void Dispose()
    {
        Model.Dispose();
        _dir.Dispose();
    }
}
