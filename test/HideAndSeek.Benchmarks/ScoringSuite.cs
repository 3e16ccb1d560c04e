using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.Evaluation;
using HideAndSeek.GapClassifier;
using HideAndSeek.Networks;
using HideAndSeek.Torch;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using static HideAndSeek.Benchmarks.ResultLog;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// Scoring cost: images/s of a fitted SmallAlexNetGap reading Score alone and with the CAM localiser's heatmap and box
/// (interleaved repeats, medians), the localiser alone (its in-process view against the saved chain), and the time of a
/// full MaxBoxAccV2 evaluation over 10,000 CAM-like heatmaps.
/// </summary>
internal static class ScoringSuite
{
    private const double LocalizerTarget = 0.15;
    private const double SweepTargetSeconds = 10;

    public static void Run(BenchmarkSizes sizes, string? dataRoot, string? python)
    {
        Note("suite scoring: classifier alone vs classifier + LocalizeWithCam; convolution layouts; self-check; MaxBoxAccV2 over 10,000 heatmaps");
        if (dataRoot is null)
            Note("scoring throughput skipped: no Tiny ImageNet sample");
        else
            Throughput(sizes, dataRoot);
        Layouts(sizes);
        SelfCheck(sizes);
        Sweep(sizes.SweepHeatmaps);
        ScoringVersusPyTorch.Run(sizes, python);
    }

    /// <summary>
    /// The eval forward pass (the feature map, what scoring spends its time on) with each way of feeding libtorch's CPU
    /// convolutions: NCHW as libtorch takes it by default (what scoring did before, wrong on oneDNN for some channel
    /// counts), channels-last, and NCHW with the channels zero-padded where the bug strikes. Interleaved rounds on the
    /// same batch; the ratios are medians of per-round ratios.
    /// </summary>
    private static void Layouts(BenchmarkSizes sizes)
    {
        var layouts = new[] { CpuConvolutionLayout.LibTorchDefault, CpuConvolutionLayout.ChannelsLast, CpuConvolutionLayout.PaddedChannels };
        // Full width (multiples of 16 everywhere: NCHW is right there) and a width with awkward channel counts.
        foreach (var (architecture, width, batch) in new[]
        {
            (GapArchitecture.SmallAlexNetGap, sizes.Width, 64), (GapArchitecture.SmallAlexNetGap, sizes.Width * 0.3, 64),
            (GapArchitecture.CustomNetGap, sizes.Width, 64), (GapArchitecture.GoogLeNetGap, sizes.ArchitectureWidth, 8),
        })
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var network = GapNetworkFactory.Create(architecture, new GapNetworkOptions { NumClasses = 10, WidthMultiplier = width, InitSeed = 3 });
            network.eval();
            var pixels = torch.rand(new long[] { batch, 3, 64, 64 }).mul(255f);
            var seconds = layouts.Select(_ => new List<double>()).ToArray();
            try
            {
                for (int round = -1; round < sizes.Repeats; round++)
                {
                    for (int i = 0; i < layouts.Length; i++)
                    {
                        CpuConvolution.Layout = layouts[i];
                        long start = System.Diagnostics.Stopwatch.GetTimestamp();
                        using (var features = network.FeatureMap(pixels))
                        { }
                        if (round >= 0)
                            seconds[i].Add(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds);
                    }
                }
            }
            finally
            {
                CpuConvolution.Layout = CpuConvolutionLayout.ChannelsLast;
            }
            var channelsLast = Timing.PairedRatio(seconds[0], seconds[1]);
            var padded = Timing.PairedRatio(seconds[0], seconds[2]);
            string name = $"{architecture}_w{width:0.###}".Replace('.', '_');
            Result($"{architecture} width {width:0.###} eval feature map, batch {batch}, {sizes.Repeats} interleaved rounds; speedup = NCHW time / layout time " +
                   $"(NCHW: libtorch's default, what scoring used before; wrong on oneDNN for some channel counts); ± is half the range over rounds",
                ($"layout_{name}_nchw_images_per_second", batch / Timing.Median(seconds[0])),
                ($"layout_{name}_channels_last_images_per_second", batch / Timing.Median(seconds[1])),
                ($"layout_{name}_padded_images_per_second", batch / Timing.Median(seconds[2])),
                ($"layout_{name}_channels_last_speedup", channelsLast.Median), ($"layout_{name}_channels_last_speedup_spread", channelsLast.Spread),
                ($"layout_{name}_padded_speedup", padded.Median), ($"layout_{name}_padded_speedup_spread", padded.Spread));
        }
    }

    /// <summary>What the start-up self-check cost in this process, and re-run warm.</summary>
    private static void SelfCheck(BenchmarkSizes sizes)
    {
        var first = HideAndSeek.Torch.TorchRuntime.ConvolutionCheckResult;
        var warm = Timing.Samples(1, sizes.Repeats, () => HideAndSeek.Torch.ConvolutionSelfCheck.Run());
        Result($"convolution self-check in TorchRuntime.Initialize: {first}",
            ("self_check_first_ms", first.Milliseconds), ("self_check_warm_median_ms", 1000 * Timing.Median(warm)),
            ("self_check_warm_max_ms", 1000 * warm.Max()));
    }

    private static void Throughput(BenchmarkSizes sizes, string root)
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadTinyImageNet(root, TinyImageNetSplit.Train, new TinyImageNetOptions { MaxImagesPerClass = 16 });
        var validation = ml.Data.LoadTinyImageNet(root, TinyImageNetSplit.Validation);
        var images = ml.Data.TakeRows(validation, sizes.ScoringImages);
        // One short epoch: scoring cost does not depend on how well the weights are trained.
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.LoadImages("Image", imageFolder: null, "ImagePath"))
            .Append(ml.Transforms.ResizeImages("Image", 64, 64))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image"))
            .Append(ml.Transforms.DropColumns("Image"))
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(new GapClassifierOptions { MaxEpochs = 1, BatchSize = 32, WidthMultiplier = sizes.Width }))
            .Append(ml.Transforms.LocalizeWithCam())
            .Fit(train);
        var scored = model.Transform(images);
        double Read(params string[] columns) => ReadAll(scored, columns);
        double ReadAll(IDataView data, params string[] columns)
        {
            var wanted = columns.Select(c => data.Schema[c]).ToArray();
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            using var cursor = data.GetRowCursor(wanted);
            var getters = wanted.Select(c => c.Type is KeyDataViewType ? (Action)MakeKey(cursor, c) : MakeVector(cursor, c)).ToArray();
            long rows = 0;
            while (cursor.MoveNext())
            {
                foreach (var get in getters)
                    get();
                rows++;
            }
            return rows / System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Read("Score");
        Read("Score", "Heatmap", "PredictedBox");
        var alone = new List<double>();
        var localised = new List<double>();
        for (int i = 0; i < sizes.Repeats; i++)
        {
            alone.Add(Read("Score", "PredictedLabel"));
            localised.Add(Read("Score", "PredictedLabel", "Heatmap", "PredictedBox", "CamClass"));
        }
        double a = Timing.Median(alone), b = Timing.Median(localised);
        double extra = a / b - 1;
        Result($"scoring {sizes.ScoringImages} real JPEGs (decode, resize, SmallAlexNetGap batched forward), medians of {sizes.Repeats} interleaved passes",
            ("scoring_images_per_second", a), ("scoring_with_cam_images_per_second", b));
        Console.WriteLine($"cam_extra_cost_fraction={Fixed(extra, 3)} -- time added by the heatmap and box per image / classifier scoring time; target < {LocalizerTarget}: {(extra < LocalizerTarget ? "met" : "NOT met")}.");

        // The localiser alone on cached classifier outputs: its in-process view against the saved chain (what
        // CamLocalizer.Transform ran before the view existed, and what a loaded zip runs), interleaved in one process.
        var steps = model.ToList();
        var classified = ml.Data.Cache(new TransformerChain<ITransformer>(steps.Take(steps.Count - 1).ToArray()).Transform(images));
        string zip = Path.Combine(Path.GetTempPath(), $"hideandseek-localizer-{Environment.ProcessId}.zip");
        ml.Model.Save(model.LastTransformer, classified.Schema, zip);
        var chained = ml.Model.Load(zip, out _).Transform(classified);
        File.Delete(zip);
        var view = model.LastTransformer.Transform(classified);
        var camColumns = new[] { "Heatmap", "PredictedBox", "CamClass" };
        ReadAll(classified, "CamFeatures");
        ReadAll(view, camColumns);
        ReadAll(chained, camColumns);
        var viewRates = new List<double>();
        var chainRates = new List<double>();
        for (int i = 0; i < sizes.Repeats; i++)
        {
            viewRates.Add(ReadAll(view, camColumns));
            chainRates.Add(ReadAll(chained, camColumns));
        }
        var speedup = Timing.PairedRatio(viewRates, chainRates);
        Result($"LocalizeWithCam alone on {sizes.ScoringImages} cached classifier outputs (Heatmap, PredictedBox, CamClass): the in-process view vs the saved chain, medians of {sizes.Repeats} interleaved passes; speedup = median of the per-pass view/chain ratios, spread = half their range",
            ("cam_view_rows_per_second", Timing.Median(viewRates)), ("cam_chain_rows_per_second", Timing.Median(chainRates)),
            ("cam_view_speedup", speedup.Median), ("cam_view_speedup_spread", speedup.Spread));
    }

    private static Action MakeVector(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> value = default;
        return () => getter(ref value);
    }

    private static Action MakeKey(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var getter = cursor.GetGetter<uint>(column);
        uint value = 0;
        return () => getter(ref value);
    }

    private static void Sweep(int count)
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(11);
        var rows = CamLikeHeatmaps.Generate(count).Select(map => new HeatmapRow
        {
            Label = (uint)random.Next(10),
            Score = Enumerable.Range(0, 10).Select(_ => (float)random.NextDouble()).ToArray(),
            Box = new float[] { map.Box.XMin, map.Box.YMin, map.Box.XMax, map.Box.YMax },
            GroundTruthHeatmap = map.Heatmap,
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var options = new LocalizationEvaluationOptions { ImageSize = (64, 64) };
        double seconds = Timing.MedianSeconds(1, 3, () => ml.Localization().Evaluate(data, options));
        Result($"ml.Localization().Evaluate over {count} in-memory 64x64 heatmaps: the seed's 4 thresholds, and MaxBoxAcc V1 + V2 over 100 thresholds x IoU 30/50/70, one pass, median of 3",
            ("maxboxacc_sweep_seconds", seconds), ("maxboxacc_sweep_heatmaps", count));
        Console.WriteLine($"maxboxacc_sweep_seconds_per_10000={Fixed(seconds * 10000 / count, 2)} -- target < {SweepTargetSeconds} s: {(seconds * 10000 / count < SweepTargetSeconds ? "met" : "NOT met")}.");
    }

    private sealed class HeatmapRow
    {
        [KeyType(10)]
        public uint Label { get; set; }

        [VectorType(10)]
        public float[] Score { get; set; } = new float[10];

        [VectorType(4)]
        public float[] Box { get; set; } = new float[4];

        [VectorType(64 * 64)]
        public float[] GroundTruthHeatmap { get; set; } = new float[64 * 64];
    }
}
