using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;
using HideAndSeek.Networks;
using HideAndSeek.PixelColumns;
using HideAndSeek.Torch;
using Microsoft.ML;
using Microsoft.ML.Data;
using System.Diagnostics;
using static HideAndSeek.Benchmarks.ResultLog;
using static TorchSharp.torch;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// Where a training step's time goes, phase by phase, for SmallAlexNetGap (64 px, batch 128) and ResNet18 (224 px,
/// batch 32): the loader's work per image (decode, resize, extract, hide; one thread, as the trainer's loader thread),
/// then the step the trainer runs, timed between its phases (batch copy, layout conversion, forward, loss, backward,
/// optimiser, bookkeeping), against the end-to-end step cycle measured over the real JPEGs in the same run. The CPU
/// backend is synchronous, so a timestamp between two libtorch calls closes the first.
/// </summary>
internal static class PhaseBreakdown
{
    private static readonly string[] StepPhases = { "batch_copy", "layout", "forward", "loss", "zero_grad", "backward", "optimizer", "bookkeeping" };

    public static void Run(BenchmarkSizes sizes, string root)
    {
        var loaderMicroseconds = DataPath(root, sizes.MemoryImagesPerClass);
        Step(sizes, root, GapArchitecture.SmallAlexNetGap, sizes.Width, sizes.StepBatch, null, sizes.TimedSteps, sizes.MemoryImagesPerClass, loaderMicroseconds);
        Step(sizes, root, GapArchitecture.ResNet18, 1.0, sizes.ResNetBatch, sizes.ResNetSide, Math.Max(3, sizes.LargeNetworkSteps),
            sizes.ResNetImagesPerClass, loaderMicroseconds);
    }

    /// <summary>Microseconds per image of each loader stage: the same shuffled rows through ever longer pipelines.</summary>
    private static double[] DataPath(string root, int? imagesPerClass)
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadTinyImageNet(root, TinyImageNetSplit.Train, new TinyImageNetOptions { MaxImagesPerClass = imagesPerClass });
        var loaded = ml.Transforms.LoadImages("Image", imageFolder: null, "ImagePath").Fit(train).Transform(train);
        var resized = ml.Transforms.ResizeImages("Image", 64, 64).Fit(loaded).Transform(loaded);
        var extracted = ml.Transforms.ExtractPixels("Pixels", "Image").Fit(resized).Transform(resized);
        var hidden = ml.Transforms.HidePatches(16).Fit(extracted).TransformForTraining(extracted);
        ReadAll(loaded, "Image"); // warm the file cache and the decoder
        var seconds = new[]
        {
            ReadAll(loaded, "Image"), ReadAll(resized, "Image"), ReadAll(extracted, "Pixels"), ReadAll(hidden, "Pixels"),
        };
        long rows = train.GetRowCount() ?? 1;
        var perImage = new double[seconds.Length];
        for (int i = 0; i < seconds.Length; i++)
            perImage[i] = Math.Max(0, seconds[i] - (i == 0 ? 0 : seconds[i - 1])) / rows * 1e6;
        Result($"loader stages over {rows} real JPEGs (64 px), one shuffled cursor on one thread, each pipeline one stage longer than the last: " +
               "microseconds per image of each stage.",
            ("phase_decode_us", perImage[0]), ("phase_resize_us", perImage[1]), ("phase_extract_us", perImage[2]), ("phase_hide_us", perImage[3]),
            ("phase_loader_total_us", seconds[^1] / rows * 1e6));
        return perImage;
    }

    private static double ReadAll(IDataView view, string column)
    {
        var col = view.Schema[column];
        var clock = Stopwatch.StartNew();
        using var cursor = view.GetRowCursor(new[] { col }, new Random(1));
        if (col.Type is VectorDataViewType)
        {
            var get = cursor.GetGetter<VBuffer<float>>(col);
            VBuffer<float> buffer = default;
            while (cursor.MoveNext())
                get(ref buffer);
        }
        else
        {
            var get = cursor.GetGetter<MLImage>(col);
            MLImage? image = null;
            while (cursor.MoveNext())
            {
                get(ref image!);
                image?.Dispose();
                image = null;
            }
        }
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>The trainer's step (GapClassifierTrainer's Step, same calls in the same order) with a clock between phases.</summary>
    private static void Step(BenchmarkSizes sizes, string root, GapArchitecture architecture, double width, int batch, int? resizedSide,
        int steps, int? imagesPerClass, double[] loaderMicroseconds)
    {
        manual_seed(1);
        var options = new GapNetworkOptions { NumClasses = 10, WidthMultiplier = width, InitSeed = 1 };
        using var network = GapNetworkFactory.Create(architecture, options);
        network.train();
        var parameters = network.parameters().ToList();
        using var optimizer = new MomentumSgd(new[]
        {
            new MomentumSgd.ParameterGroup(parameters.Where(p => p.dim() > 1), 0.01, 0.9, 0.001),
            new MomentumSgd.ParameterGroup(parameters.Where(p => p.dim() <= 1), 0.01, 0.9, 0),
        });
        var shape = new PixelColumnShape(3, 64, 64, true);
        var data = new TrainingBatch(batch, shape.Length) { Count = batch };
        var random = new Random(1);
        for (int i = 0; i < data.Pixels.Length; i++)
            data.Pixels[i] = random.Next(256);
        for (int i = 0; i < batch; i++)
            data.Labels[i] = random.Next(10);

        var totals = new double[StepPhases.Length];
        for (int step = -sizes.WarmupSteps; step < steps; step++)
        {
            var phase = new double[StepPhases.Length];
            long mark = Stopwatch.GetTimestamp();
            void Close(int index)
            {
                long now = Stopwatch.GetTimestamp();
                phase[index] += Stopwatch.GetElapsedTime(mark, now).TotalSeconds;
                mark = now;
            }
            using (var scope = NewDisposeScope())
            {
                var (x, y) = data.ToTensors(shape, CPU);
                Close(0);
                // The layout conversion the network does first thing (GapNetwork.FeatureMap), timed alone; the forward
                // below does it again, and its time is taken off the forward's.
                using (var converted = CpuConvolution.ToChannelsLast(x))
                {
                }
                Close(1);
                var logits = network.forward(x);
                Close(2);
                var loss = nn.functional.cross_entropy(logits, y);
                Close(3);
                optimizer.ZeroGrad();
                Close(4);
                loss.backward();
                Close(5);
                optimizer.Step();
                Close(6);
                _ = loss.item<float>();
                _ = logits.argmax(1).eq(y).sum().item<long>();
            }
            Close(7);
            if (step >= 0)
            {
                phase[2] = Math.Max(0, phase[2] - phase[1]);
                for (int i = 0; i < phase.Length; i++)
                    totals[i] += phase[i];
            }
        }
        double stepSeconds = totals.Sum() / steps;
        var timed = EndToEndTraining.Run(root, imagesPerClass, epochs: 2, batch, width, out long images, architecture: architecture,
            resizedSide: resizedSide)[^1];
        var cycle = StepThroughput.FromSeconds(timed.StepSeconds, batch);
        double cycleSeconds = batch / cycle.Median;
        double loaderPerBatch = loaderMicroseconds.Sum() * batch / 1e6;
        string name = architecture.ToString().ToLowerInvariant();
        var values = new List<(string Key, object Value)>();
        for (int i = 0; i < StepPhases.Length; i++)
            values.Add(($"{name}_{StepPhases[i]}_ms", totals[i] / steps * 1000));
        values.Add(($"{name}_step_ms", stepSeconds * 1000));
        values.Add(($"{name}_e2e_cycle_ms", cycleSeconds * 1000));
        values.Add(($"{name}_e2e_mean_cycle_ms", timed.StepSeconds.Average() * 1000));
        values.Add(($"{name}_e2e_epoch_ms_per_batch", timed.Report.Elapsed.TotalSeconds / Math.Ceiling(images / (double)batch) * 1000));
        values.Add(($"{name}_loader_cpu_ms_per_batch", loaderPerBatch * 1000));
        values.Add(($"{name}_unexplained_ms", (cycleSeconds - stepSeconds) * 1000));
        values.Add(($"{name}_phase_efficiency", stepSeconds / cycleSeconds));
        Result($"{architecture} at batch {batch}: milliseconds per step of each phase (mean of {steps} steps after {sizes.WarmupSteps} warm-up; " +
               $"the forward without the layout conversion), the end-to-end step cycle over {images} real JPEGs (median), the loader's CPU time " +
               "per batch (on its own thread, competing with libtorch's two) and what the phases leave unexplained.",
            values.ToArray());
    }
}
