using HideAndSeek.GapClassifier;
using HideAndSeek.Networks;
using Microsoft.ML;
using Microsoft.ML.Data;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using static HideAndSeek.Benchmarks.ResultLog;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// Classifier + CAM + box on in-memory pixels, .NET against PyTorch eager (pytorch/score.py) in the same run:
/// SmallAlexNetGap at 64 px and ResNet18 at 224 px, batch 64 (a cursor over the scored view, ScoringBatchSize 64) and
/// batch 1 (a PredictionEngine, one image per call: a service's latency path). Ends each case with a ratio line.
/// </summary>
internal static class ScoringVersusPyTorch
{
    private sealed class PixelRow
    {
        public string Label { get; set; } = "";

        public float[] Pixels { get; set; } = Array.Empty<float>();
    }

    private sealed class Prediction
    {
        public float[] Score { get; set; } = Array.Empty<float>();

        public float[] PredictedBox { get; set; } = Array.Empty<float>();

        public float[] Heatmap { get; set; } = Array.Empty<float>();
    }

    public static void Run(BenchmarkSizes sizes, string? python)
    {
        var ratios = new List<string>();
        foreach (var (architecture, side, network) in new[] { (GapArchitecture.SmallAlexNetGap, 64, "smallalexnet"), (GapArchitecture.ResNet18, 224, "resnet18") })
        {
            int images = architecture == GapArchitecture.ResNet18 ? sizes.ScoringVersusImages / 4 : sizes.ScoringVersusImages;
            var ml = new MLContext(seed: 1);
            var definition = SchemaDefinition.Create(typeof(PixelRow));
            definition[nameof(PixelRow.Pixels)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 3, side, side);
            var random = new Random(1);
            var rows = Enumerable.Range(0, images).Select(i => new PixelRow
            {
                Label = $"c{i % 10}",
                Pixels = Enumerable.Range(0, 3 * side * side).Select(_ => (float)random.Next(256)).ToArray(),
            }).ToList();
            var data = ml.Data.LoadFromEnumerable(rows, definition);
            foreach (int batch in new[] { 64, 1 })
            {
                var model = ml.Transforms.Conversion.MapValueToKey("Label")
                    .Append(ml.MulticlassClassification.Trainers.GapClassifier(new GapClassifierOptions
                    {
                        Architecture = architecture,
                        MaxEpochs = 1,
                        BatchSize = 16,
                        ScoringBatchSize = batch,
                        WidthMultiplier = 1,
                        ResizedImageSize = architecture == GapArchitecture.ResNet18 ? side : null,
                        FreezeBackbone = architecture == GapArchitecture.ResNet18,
                    }))
                    .Append(ml.Transforms.LocalizeWithCam())
                    .Fit(ml.Data.TakeRows(data, 32));
                double dotnet = batch == 1 ? PerImage(ml, model, rows, definition, sizes.Repeats) : Batched(model.Transform(data), sizes.Repeats);
                double pytorch = PyTorch(python, network, side, batch, batch == 1 ? Math.Min(images, 32) : images);
                string name = $"{network}_{side}_batch{batch}";
                Result($"{architecture} at {side} px, batch {batch}: classifier + CAM + box (LocalizeWithCam's defaults) on {images} in-memory images, " +
                       $"median of {sizes.Repeats} passes; PyTorch eager the same in pytorch/score.py (no_grad, 2 threads).",
                    ($"scoring_{name}_images_per_second", dotnet), ($"pytorch_scoring_{name}_images_per_second", pytorch),
                    ($"scoring_{name}_ratio_vs_pytorch", dotnet / pytorch));
                ratios.Add($"scoring_{name}_ratio_vs_pytorch={Fixed(dotnet / pytorch, 2)}");
            }
        }
        Console.WriteLine(string.Join(" ", ratios) + " -- .NET images/s over PyTorch eager's, classifier + CAM + box.");
    }

    private static double Batched(IDataView scored, int repeats)
    {
        var columns = new[] { scored.Schema["Score"], scored.Schema["Heatmap"], scored.Schema["PredictedBox"] };
        double Pass()
        {
            long start = Stopwatch.GetTimestamp(), rows = 0;
            using var cursor = scored.GetRowCursor(columns);
            var getters = columns.Select(c => cursor.GetGetter<VBuffer<float>>(c)).ToArray();
            VBuffer<float> value = default;
            while (cursor.MoveNext())
            {
                foreach (var get in getters)
                    get(ref value);
                rows++;
            }
            return rows / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Pass();
        return Timing.Median(Enumerable.Range(0, repeats).Select(_ => Pass()).ToList());
    }

    private static double PerImage(MLContext ml, ITransformer model, IReadOnlyList<PixelRow> rows, SchemaDefinition definition, int repeats)
    {
        using var engine = ml.Model.CreatePredictionEngine<PixelRow, Prediction>(model, inputSchemaDefinition: definition);
        int count = Math.Min(rows.Count, 32);
        double Pass()
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < count; i++)
                engine.Predict(rows[i]);
            return count / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Pass();
        return Timing.Median(Enumerable.Range(0, repeats).Select(_ => Pass()).ToList());
    }

    private static double PyTorch(string? python, string network, int side, int batch, int images)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "pytorch", "score.py");
        string interpreter = python ?? (File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
        var start = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "--network", network, "--side", side.ToString(CultureInfo.InvariantCulture),
                     "--batch", batch.ToString(CultureInfo.InvariantCulture), "--images", images.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            string? last = output.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
            if (process.ExitCode != 0 || last is null)
            {
                Note($"PyTorch scoring reference did not run ({interpreter}, exit {process.ExitCode}): {stderr.Result.Trim().Split('\n').LastOrDefault()}");
                return double.NaN;
            }
            using var json = JsonDocument.Parse(last);
            return json.RootElement.GetProperty("images_per_second").GetDouble();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Note($"PyTorch scoring reference did not start: {e.Message}");
            return double.NaN;
        }
    }
}
