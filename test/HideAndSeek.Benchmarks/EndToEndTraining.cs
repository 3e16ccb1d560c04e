using System.Diagnostics;
using HideAndSeek.Data;
using HideAndSeek.Runtime;
using HideAndSeek.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// The design's training pipeline on the real JPEGs: MapValueToKey, LoadImages, ResizeImages(64), ExtractPixels,
/// DropColumns, HidePatches(16), GapClassifier (SmallAlexNetGap, batch 128, CPU).
/// </summary>
internal static class EndToEndTraining
{
    /// <summary>Trains <paramref name="epochs"/> epochs and observes each one.</summary>
    /// <param name="root">Tiny ImageNet layout root.</param>
    /// <param name="imagesPerClass">Subset size per class; null reads every training image.</param>
    /// <param name="epochs">Epochs to train.</param>
    /// <param name="batch">Images per step.</param>
    /// <param name="width">Network width multiplier.</param>
    /// <param name="images">Training images per epoch.</param>
    public static IReadOnlyList<EpochObservation> Run(string root, int? imagesPerClass, int epochs, int batch, double width, out long images)
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadTinyImageNet(root, TinyImageNetSplit.Train, new TinyImageNetOptions { MaxImagesPerClass = imagesPerClass });
        images = train.GetRowCount() ?? 0;
        var observations = new List<EpochObservation>();
        var clock = Stopwatch.StartNew();
        double last = 0;
        var options = new GapClassifierOptions
        {
            MaxEpochs = epochs,
            BatchSize = batch,
            WidthMultiplier = width,
            Device = TorchDevice.Cpu,
            EpochCompleted = report =>
            {
                double now = clock.Elapsed.TotalSeconds;
                observations.Add(new EpochObservation(report, now - last, ProcessMemory.ResidentBytes(), GC.GetTotalMemory(false)));
                last = now;
            },
        };
        var pipeline = Preprocessing(ml)
            .Append(ml.Transforms.HidePatches(16))
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(options));
        var model = pipeline.Fit(train);
        (model as IDisposable)?.Dispose();
        return observations;
    }

    /// <summary>
    /// The data path alone: one shuffled pass over the hidden pixels and labels on this thread, as the trainer's
    /// loader thread reads them. Returns images per second of one thread.
    /// </summary>
    public static double LoaderImagesPerSecond(string root, int? imagesPerClass)
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadTinyImageNet(root, TinyImageNetSplit.Train, new TinyImageNetOptions { MaxImagesPerClass = imagesPerClass });
        var decoded = Preprocessing(ml).Fit(train).Transform(train);
        var hidden = ml.Transforms.HidePatches(16).Fit(decoded).TransformForTraining(decoded);
        var pixels = hidden.Schema["Pixels"];
        var label = hidden.Schema["Label"];
        long rows = 0;
        var clock = Stopwatch.StartNew();
        using (var cursor = hidden.GetRowCursor(new[] { pixels, label }, new Random(1)))
        {
            var getPixels = cursor.GetGetter<VBuffer<float>>(pixels);
            var getLabel = cursor.GetGetter<uint>(label);
            VBuffer<float> buffer = default;
            uint key = 0;
            while (cursor.MoveNext())
            {
                getLabel(ref key);
                getPixels(ref buffer);
                rows++;
            }
        }
        return rows / clock.Elapsed.TotalSeconds;
    }

    private static IEstimator<ITransformer> Preprocessing(MLContext ml) =>
        ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.LoadImages("Image", imageFolder: null, "ImagePath"))
            .Append(ml.Transforms.ResizeImages("Image", 64, 64))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image"))
            .Append(ml.Transforms.DropColumns("Image"));
}
