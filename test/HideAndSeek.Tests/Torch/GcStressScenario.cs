using HideAndSeek.Data.Synthetic;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;
using HideAndSeek.Networks;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.Torch;
using Microsoft.ML;
using Microsoft.ML.Data;
using System.Diagnostics;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Torch;

/// <summary>
/// The child-process side of <see cref="GcStressTests"/>, run as <c>gc-stress</c> under the GC-stress startup hook:
/// every network trains, scores, localises, saves and loads, then the product's scalar-heavy tensor operations run in
/// tight loops. Every section runs even after another failed (unless the process dies), so one run names all the
/// sections that broke; the exit code is 1 when any did.
/// </summary>
internal static class GcStressScenario
{
    /// <summary>What <see cref="GcStressTests"/> looks for: the scenario ran to its end with every check passing.</summary>
    public const string PassedLine = "gc-stress scenario: all sections passed";

    /// <summary>Set by the startup hook (test/HideAndSeek.GcStress); without it the scenario would prove nothing.</summary>
    private const string HookDataName = "HideAndSeek.GcStress.IntervalMs";

    public static int Run(string[] args)
    {
        if (AppContext.GetData(HookDataName) is null)
        {
            Console.Error.WriteLine("gc-stress: the GC-stress startup hook is not loaded (set DOTNET_STARTUP_HOOKS)");
            return 3;
        }
        string sections = args.Length > 0 ? args[0] : "all";
        int loopScale = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
        int collectionsBefore = GC.CollectionCount(2);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();

        void Section(string name, Action body)
        {
            var sectionClock = Stopwatch.StartNew();
            try
            {
                body();
                Console.WriteLine($"{name}: ok ({sectionClock.Elapsed.TotalSeconds:F1} s)");
            }
            catch (Exception e)
            {
                failures.Add(name);
                Console.WriteLine($"{name}: FAILED ({sectionClock.Elapsed.TotalSeconds:F1} s)");
                Console.Error.WriteLine($"{name}: {e}");
            }
        }

        TorchRuntime.Initialize(TorchDevice.Cpu);
        if (sections is "all" or "networks")
        {
            using var dir = new TempDirectory();
            var summary = SyntheticWsolGenerator.Generate(dir.Combine("data"), new SyntheticWsolOptions
            {
                Classes = 2,
                TrainImagesPerClass = 4,
                ValidationImagesPerClass = 2,
                ImageSize = 32,
                Seed = 4,
            });
            foreach (var architecture in Enum.GetValues<GapArchitecture>())
                Section(architecture.ToString(), () => TrainScoreLocaliseSaveLoad(architecture, summary.Root, dir.Combine(architecture.ToString())));
        }
        if (sections is "all" or "loops")
        {
            Section("loop: mean subtraction", () => MeanSubtractionLoop(20_000 * loopScale));
            Section("loop: pixel dropout", () => PixelDropoutLoop(40_000 * loopScale));
            Section("loop: residual block", () => ResidualBlockLoop(5_000 * loopScale));
            Section("loop: batch-1 training", () => TrainingStepsLoop(2 * loopScale));
        }

        int collections = GC.CollectionCount(2) - collectionsBefore;
        Console.WriteLine($"gc-stress scenario: {collections} full collections in {clock.Elapsed.TotalSeconds:F1} s");
        // Each section takes seconds while the stress thread collects many times a second; far fewer collections
        // means the hook's thread did not run and the run proved nothing.
        if (collections < 20)
        {
            Console.Error.WriteLine($"gc-stress: only {collections} full collections: the stress thread did not run");
            return 3;
        }
        if (failures.Count > 0)
        {
            Console.WriteLine($"gc-stress scenario: {failures.Count} section(s) failed: {string.Join(", ", failures)}");
            return 1;
        }
        Console.WriteLine(PassedLine);
        return 0;
    }

    /// <summary>
    /// Two training steps (8 images, batch 4), then scoring and CAM on the validation images, a model zip written and
    /// loaded, and the loaded model scoring the same images: finite, normalised, in-range and bit-identical outputs.
    /// </summary>
    private static void TrainScoreLocaliseSaveLoad(GapArchitecture architecture, string root, string directory)
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadTinyImageNet(root, TinyImageNetSplit.Train);
        var validation = ml.Data.LoadTinyImageNet(root, TinyImageNetSplit.Validation);
        var options = new GapClassifierOptions
        {
            Architecture = architecture,
            WidthMultiplier = architecture == GapArchitecture.ResNet18 ? 1.0 : 0.1,
            ResizedImageSize = architecture == GapArchitecture.ResNet18 ? 64 : null,
            MaxEpochs = 1,
            BatchSize = 4,
            ScoringBatchSize = 4,
            Seed = 2,
        };
        var model = ImagePipelines.Preprocess(ml)
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(options))
            .Append(ml.Transforms.LocalizeWithCam())
            .Fit(train);

        var scored = Read(model.Transform(validation));
        Check(scored, architecture);

        Directory.CreateDirectory(directory);
        string zip = Path.Combine(directory, "model.zip");
        ml.Model.Save(model, train.Schema, zip);
        var loaded = new MLContext(seed: 1).Model.Load(zip, out _);
        var reloaded = Read(loaded.Transform(validation));
        for (int i = 0; i < scored.Scores.Count; i++)
        {
            Expect(scored.Scores[i].SequenceEqual(reloaded.Scores[i]), $"{architecture}: row {i}: the loaded model's scores differ");
            Expect(scored.Heatmaps[i].SequenceEqual(reloaded.Heatmaps[i]), $"{architecture}: row {i}: the loaded model's heatmap differs");
            Expect(scored.Boxes[i].SequenceEqual(reloaded.Boxes[i]), $"{architecture}: row {i}: the loaded model's box differs");
        }
    }

    private static void Check(Scored scored, GapArchitecture architecture)
    {
        Expect(scored.Scores.Count == 4, $"{architecture}: {scored.Scores.Count} scored rows, expected 4");
        for (int i = 0; i < scored.Scores.Count; i++)
        {
            var score = scored.Scores[i];
            Expect(score.Length == 2 && score.All(float.IsFinite) && Math.Abs(score.Sum() - 1) < 1e-4,
                $"{architecture}: row {i}: scores [{string.Join(", ", score)}] are not two finite probabilities");
            Expect(scored.Features[i].All(float.IsFinite), $"{architecture}: row {i}: the feature map is not finite");
            Expect(scored.Heatmaps[i].Length == 64 * 64 && scored.Heatmaps[i].All(v => v >= 0 && v <= 1),
                $"{architecture}: row {i}: the heatmap is not 64 x 64 values in [0, 1]");
            var box = scored.Boxes[i];
            Expect(box.Length == 4 && box.All(v => v >= 0 && v <= 64) && box[0] <= box[2] && box[1] <= box[3],
                $"{architecture}: row {i}: the box [{string.Join(", ", box)}] is not inside the 64 x 64 image");
        }
    }

    /// <summary><see cref="GapNetwork.Preprocess"/> of SmallAlexNetGap: the mean pixel subtracted, checked value by value.</summary>
    private static void MeanSubtractionLoop(int iterations)
    {
        using var network = GapNetworkFactory.Create(GapArchitecture.SmallAlexNetGap, new GapNetworkOptions { NumClasses = 2, WidthMultiplier = 0.05, InitSeed = 1 });
        network.eval();
        var mean = network.MeanPixel.data<float>().ToArray();
        using var generator = new Generator(7, CPU);
        using var x = rand(new long[] { 1, 3, 4, 4 }, generator: generator);
        var pixels = x.data<float>().ToArray();
        int plane = 16;
        for (int n = 0; n < iterations; n++)
        {
            using var y = network.Preprocess(x);
            var values = y.data<float>().ToArray();
            for (int j = 0; j < values.Length; j++)
                Expect(values[j] == pixels[j] - mean[j / plane], $"iteration {n}: value {j} is {values[j]}, expected {pixels[j] - mean[j / plane]}");
        }
    }

    /// <summary><see cref="PixelDropout"/> with keep probability 0.5: every value is either 0 or twice the input.</summary>
    private static void PixelDropoutLoop(int iterations)
    {
        using var generator = new Generator(9, CPU);
        using var x = rand(new long[] { 1, 3, 4, 4 }, generator: generator);
        var pixels = x.data<float>().ToArray();
        for (int n = 0; n < iterations; n++)
        {
            using var y = PixelDropout.Apply(x, 0.5, generator);
            var values = y.data<float>().ToArray();
            for (int j = 0; j < values.Length; j++)
                Expect(values[j] == 0 || values[j] == 2 * pixels[j], $"iteration {n}: value {j} is {values[j]}, expected 0 or {2 * pixels[j]}");
        }
    }

    /// <summary>
    /// ResNet's identity block (the residual sum) in evaluation mode on one fixed input: every forward equals the
    /// first one exactly.
    /// </summary>
    private static void ResidualBlockLoop(int iterations)
    {
        using var block = new ResidualBlock(4, 4, 1, ExplicitPadding.Uniform(1), projection: false, 1e-5, 0.1);
        block.eval();
        using var generator = new Generator(11, CPU);
        using var x = rand(new long[] { 1, 4, 4, 4 }, generator: generator);
        float[]? first = null;
        using var noGrad = no_grad();
        for (int n = 0; n < iterations; n++)
        {
            using var y = block.forward(x);
            var values = y.data<float>().ToArray();
            first ??= values;
            Expect(values.All(float.IsFinite) && values.SequenceEqual(first), $"iteration {n}: the block's output changed");
        }
    }

    /// <summary>
    /// The trainer's step loop at its finest grain: SmallAlexNetGap, batch size 1, 16 in-memory images, so every step
    /// is dominated by the optimiser's per-parameter work rather than by convolutions.
    /// </summary>
    private static void TrainingStepsLoop(int epochs)
    {
        var ml = new MLContext(seed: 1);
        var rows = PixelData.Random(16, 3, 64, 64, seed: 3);
        var data = PixelData.Create(ml, rows, 3, 64, 64);
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(new GapClassifierOptions
            {
                WidthMultiplier = 0.05,
                MaxEpochs = epochs,
                BatchSize = 1,
                ScoringBatchSize = 16,
                Seed = 3,
            }))
            .Fit(data);
        var scores = model.Transform(data).GetColumn<float[]>("Score").ToList();
        Expect(scores.Count == 16 && scores.All(s => s.All(float.IsFinite) && Math.Abs(s.Sum() - 1) < 1e-4),
            "batch-1 training: scores are not finite probabilities");
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
            throw new InvalidOperationException(message);
    }

    private static Scored Read(IDataView scored) => new(
        scored.GetColumn<float[]>("Score").ToList(),
        scored.GetColumn<float[]>("CamFeatures").ToList(),
        scored.GetColumn<float[]>("Heatmap").ToList(),
        scored.GetColumn<float[]>("PredictedBox").ToList());

    private sealed record Scored(List<float[]> Scores, List<float[]> Features, List<float[]> Heatmaps, List<float[]> Boxes);
}
