using HideAndSeek.CamLocalization;
using HideAndSeek.GapClassifier;
using HideAndSeek.Serving;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;
using System.Globalization;

namespace HideAndSeek.Tests.ModelFormat;

/// <summary>
/// The memory runs of <see cref="ModelLifetimeTests"/>, each in a child process of its own (the shared test process's
/// resident size moves with whatever other tests run beside it). Each prints one "memory" line per model:
/// "memory &lt;index&gt; &lt;resident MiB&gt; &lt;C heap MiB&gt;", measured after a full collection.
/// </summary>
public static class ModelLifetimeRuns
{
    private const int Side = 64;
    private const string Invariant = "R";

    /// <summary>Fits, scores (batched and through a PredictionEngine) and drops <paramref name="count"/> small pipelines.</summary>
    public static int FitScoreAndDrop(int count)
    {
        for (int i = 0; i < count; i++)
        {
            var ml = new MLContext(seed: i);
            var rows = PixelData.Random(12, 3, Side, Side, seed: i);
            var data = PixelData.Create(ml, rows, 3, Side, Side);
            var model = Pipeline(ml, seed: i).Fit(data);
            var heatmaps = model.Transform(data).GetColumn<float[]>("Heatmap").ToList();
            var engine = ml.Model.CreatePredictionEngine<PixelData.ImageRow, ScoredImage>(model,
                inputSchemaDefinition: PixelData.Definition(3, Side, Side));
            var predicted = engine.Predict(rows[0]);
            if (!predicted.Heatmap.SequenceEqual(heatmaps[0]))
                throw new InvalidOperationException($"model {i}: the PredictionEngine's heatmap differs from Transform's");
            engine.Dispose();
            PrintMemory(i);
        }
        return 0;
    }

    /// <summary>Fits <paramref name="count"/> small pipelines and saves each as model-i.zip with the first row's expected heatmap.</summary>
    public static int FitAndSave(string directory, int count)
    {
        Directory.CreateDirectory(directory);
        for (int i = 0; i < count; i++)
        {
            var ml = new MLContext(seed: i);
            var rows = PixelData.Random(12, 3, Side, Side, seed: i);
            var data = PixelData.Create(ml, rows, 3, Side, Side);
            var model = Pipeline(ml, seed: i).Fit(data);
            ml.Model.Save(model, data.Schema, Path.Combine(directory, $"model-{i}.zip"));
            var heatmap = model.Transform(data).GetColumn<float[]>("Heatmap").First();
            File.WriteAllLines(Path.Combine(directory, $"expected-{i}.txt"), heatmap.Select(v => v.ToString(Invariant, CultureInfo.InvariantCulture)));
        }
        return 0;
    }

    /// <summary>
    /// Serves model-0.zip through a <see cref="ModelFilePool{TInput,TOutput}"/> watching one file, replaces that file
    /// with model-1.zip .. model-(count-1).zip in turn while a second thread predicts without pause, and checks each
    /// reload serves the new model's heatmap. Prints "failures &lt;n&gt;": requests that threw.
    /// </summary>
    public static int HotReload(string directory, int count)
    {
        var watched = Path.Combine(directory, "serving", "model.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(watched)!);
        File.Copy(Path.Combine(directory, "model-0.zip"), watched, overwrite: true);
        var row = PixelData.Random(12, 3, Side, Side, seed: 0)[0];
        var ml = new MLContext(seed: 1);
        int failures = 0, predictions = 0;
        using (var pool = new ModelFilePool<PixelData.ImageRow, ScoredImage>(ml, watched, PixelData.Definition(3, Side, Side)))
        {
            using var stop = new CancellationTokenSource();
            var traffic = Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        pool.Predict(row);
                        Interlocked.Increment(ref predictions);
                    }
                    catch (Exception e)
                    {
                        Interlocked.Increment(ref failures);
                        Console.Error.WriteLine(e);
                    }
                }
            });
            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    int generation = pool.Generation;
                    // Written beside the watched file and moved over it, as a deployment replaces a file atomically.
                    var next = watched + ".new";
                    File.Copy(Path.Combine(directory, $"model-{i}.zip"), next, overwrite: true);
                    File.Move(next, watched, overwrite: true);
                    var waited = System.Diagnostics.Stopwatch.StartNew();
                    while (pool.Generation == generation)
                    {
                        if (waited.Elapsed > TimeSpan.FromSeconds(60))
                            throw new TimeoutException($"model {i} was not reloaded within 60 s ({pool.LastReloadError?.Message})");
                        Thread.Sleep(20);
                    }
                }
                var rowsOwn = PixelData.Random(12, 3, Side, Side, seed: i)[0];
                var expected = File.ReadAllLines(Path.Combine(directory, $"expected-{i}.txt")).Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                if (!pool.Predict(rowsOwn).Heatmap.SequenceEqual(expected))
                    throw new InvalidOperationException($"after reload {i} the pool does not serve model {i}'s heatmap");
                PrintMemory(i);
            }
            stop.Cancel();
            traffic.Wait();
        }
        Console.WriteLine($"failures {failures} predictions {predictions}");
        return 0;
    }

    /// <summary>A one-epoch SmallAlexNetGap with its CAM localiser (width 0.5: enough weights for memory to show).</summary>
    internal static EstimatorChain<CamLocalizer> Pipeline(MLContext ml, int seed, double width = 0.5, int batchSize = 12) =>
        ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(new GapClassifierOptions
            {
                WidthMultiplier = width,
                MaxEpochs = 1,
                BatchSize = batchSize,
                Seed = seed,
            }))
            .Append(ml.Transforms.LocalizeWithCam(new CamLocalizerOptions()));

    private static void PrintMemory(int index)
    {
        ProcessMemory.CollectEverything();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory {index} {ProcessMemory.ResidentMiB():F1} {ProcessMemory.NativeHeapMiB():F1}"));
    }

    /// <summary>The localiser's heatmap.</summary>
    public sealed class ScoredImage
    {
        public float[] Heatmap { get; set; } = Array.Empty<float>();
    }
}
