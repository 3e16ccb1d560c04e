using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;
using HideAndSeek.Networks;
using HideAndSeek.Torch;
using Microsoft.ML;
using Microsoft.ML.Data;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// The design's training pipeline on the real JPEGs: MapValueToKey, LoadImages, ResizeImages(64), ExtractPixels,
/// DropColumns, HidePatches(16), GapClassifier (SmallAlexNetGap, batch 128, CPU).
/// </summary>
internal static class EndToEndTraining
{
    private static readonly Regex StepMessage = new(@"epoch (\d+) step (\d+):", RegexOptions.CultureInvariant);

    /// <summary>Trains <paramref name="epochs"/> epochs and observes each one.</summary>
    /// <param name="root">Tiny ImageNet layout root.</param>
    /// <param name="imagesPerClass">Subset size per class; null reads every training image.</param>
    /// <param name="epochs">Epochs to train.</param>
    /// <param name="batch">Images per step.</param>
    /// <param name="width">Network width multiplier.</param>
    /// <param name="images">Training images per epoch.</param>
    /// <param name="cacheDecodedPixels">
    /// Diagnosis only: cache the decoded pixels before hiding (after the first pass no JPEG is decoded again; masks
    /// stay fresh per epoch), which takes decoding out of the loader thread's work.
    /// </param>
    /// <param name="threads">Torch intra-op threads for the trainer; null keeps the process setting.</param>
    /// <param name="afterStep">
    /// Diagnosis only: called on the training thread after every step with the 1-based epoch, to interleave other
    /// measurements with the trainer's steps under the same outside load; its time is not counted in the cycles.
    /// </param>
    /// <param name="architecture">The network (SmallAlexNetGap unless said otherwise).</param>
    /// <param name="resizedSide">ResNet18: the side the images are resized to inside the network.</param>
    /// <param name="precision">The convolutions' arithmetic (the trainer's option).</param>
    public static IReadOnlyList<EpochObservation> Run(string root, int? imagesPerClass, int epochs, int batch, double width,
        out long images, bool cacheDecodedPixels = false, int? threads = null, Action<int>? afterStep = null,
        GapArchitecture architecture = GapArchitecture.SmallAlexNetGap, int? resizedSide = null,
        TrainingPrecision precision = TrainingPrecision.Float32)
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadTinyImageNet(root, TinyImageNetSplit.Train, new TinyImageNetOptions { MaxImagesPerClass = imagesPerClass });
        images = train.GetRowCount() ?? 0;
        var observations = new List<EpochObservation>();
        var cycles = new Dictionary<int, List<double>>();
        long previousEnd = 0;
        int previousEpoch = -1;
        // The trainer logs every step (LogInterval = 1) through the context; ML.NET raises Log on the training thread
        // as the message is written, so the timestamp is the end of that step. Time spent in afterStep is left out of
        // the next cycle.
        ml.Log += (_, e) =>
        {
            var match = StepMessage.Match(e.Message);
            if (!match.Success)
                return;
            int epoch = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            long now = Stopwatch.GetTimestamp();
            if (!cycles.TryGetValue(epoch, out var list))
                cycles[epoch] = list = new List<double>();
            if (epoch == previousEpoch)
                list.Add(Stopwatch.GetElapsedTime(previousEnd, now).TotalSeconds);
            afterStep?.Invoke(epoch);
            previousEnd = Stopwatch.GetTimestamp();
            previousEpoch = epoch;
        };
        var clock = Stopwatch.StartNew();
        double last = 0, lastCpu = ProcessCpu.Seconds();
        var options = new GapClassifierOptions
        {
            MaxEpochs = epochs,
            BatchSize = batch,
            WidthMultiplier = width,
            Architecture = architecture,
            ResizedImageSize = resizedSide,
            Precision = precision,
            Device = TorchDevice.Cpu,
            Threads = threads,
            Context = ml,
            LogInterval = 1,
            EpochCompleted = report =>
            {
                double now = clock.Elapsed.TotalSeconds, cpu = ProcessCpu.Seconds();
                // The last step is a partial batch: left out.
                var epochCycles = cycles.TryGetValue(report.Epoch + 1, out var list) ? list.SkipLast(1).ToArray() : Array.Empty<double>();
                observations.Add(new EpochObservation(report, now - last, ProcessMemory.ResidentBytes(), GC.GetTotalMemory(false), epochCycles, cpu - lastCpu));
                last = now;
                lastCpu = cpu;
            },
        };
        var preprocessing = Preprocessing(ml);
        var pipeline = (cacheDecodedPixels ? preprocessing.AppendCacheCheckpoint(ml) : preprocessing)
            .Append(ml.Transforms.HidePatches(16))
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(options));
        pipeline.Fit(train);
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
