using HideAndSeek.Networks;
using HideAndSeek.Training;

namespace Microsoft.ML;

/// <summary>The GAP classifier trainer on <c>ml.MulticlassClassification.Trainers</c>.</summary>
public static class GapClassifierCatalog
{
    /// <summary>
    /// A TorchSharp GAP network trained on image pixels and a key label (see <see cref="GapClassifierOptions"/> for
    /// every default). Its output has ML.NET's multiclass columns and the CAM feature map for <c>LocalizeWithCam</c>.
    /// </summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">Trainer options.</param>
    public static GapClassifierTrainer GapClassifier(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        GapClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new GapClassifierTrainer(options);
    }

    /// <summary>A GAP classifier with the common settings; see the options overload for the rest.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="labelColumnName">The key label column.</param>
    /// <param name="featureColumnName">The pixel column (C x H x W floats from ExtractPixels).</param>
    /// <param name="architecture">The network.</param>
    /// <param name="maxEpochs">Passes over the data.</param>
    /// <param name="batchSize">Images per step.</param>
    public static GapClassifierTrainer GapClassifier(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Pixels",
        GapArchitecture architecture = GapArchitecture.SmallAlexNetGap, int maxEpochs = 30, int batchSize = 128)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new GapClassifierTrainer(new GapClassifierOptions
        {
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            Architecture = architecture,
            MaxEpochs = maxEpochs,
            BatchSize = batchSize,
        });
    }
}
