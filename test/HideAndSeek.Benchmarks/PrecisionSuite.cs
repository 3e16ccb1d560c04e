using HideAndSeek.GapClassifier;
using HideAndSeek.Networks;
using HideAndSeek.Torch;
using System.Diagnostics;
using static HideAndSeek.Benchmarks.ResultLog;
using static TorchSharp.torch;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// bfloat16 mixed precision against float32, side by side: (a) the pure step of SmallAlexNetGap (64 px) and ResNet18
/// (224 px), one step of each precision in turn; (b) the end-to-end epoch over the real JPEGs in both precisions;
/// (c) PyTorch eager's epoch under <c>torch.autocast("cpu", torch.bfloat16)</c>. Ends with the line
/// <c>bf16_speedup_smallalexnet=... bf16_speedup_resnet18=... bf16_ratio_vs_pytorch_bf16=...</c>.
/// </summary>
internal static class PrecisionSuite
{
    public static void Run(BenchmarkSizes sizes, string? dataRoot, string? python)
    {
        Note($"suite precision: torch threads {get_num_threads()}, {Environment.ProcessorCount} cores, {CpuIsa.Describe()}, " +
             $"bfloat16 instructions {(BFloat16Support.CpuHasBFloat16Instructions() ? "yes" : "no")}");
        if (BFloat16Support.Problem(CPU) is { } problem)
        {
            Note($"skipped: {problem}");
            return;
        }
        double small = CompareSteps(GapArchitecture.SmallAlexNetGap, sizes.Width, sizes.StepBatch, sizes.TimedSteps, sizes.WarmupSteps);
        double resnet = CompareSteps(GapArchitecture.ResNet18, 1.0, sizes.ResNetBatch, Math.Max(3, sizes.LargeNetworkSteps), 1);
        double epochSpeedup = double.NaN, vsPyTorch = double.NaN;
        if (dataRoot is null)
            Note("skipped the end-to-end epochs: no Tiny ImageNet data");
        else
            (epochSpeedup, vsPyTorch) = CompareEpochs(sizes, dataRoot, python);
        Console.WriteLine($"bf16_speedup_smallalexnet_step={Fixed(small, 2)} bf16_speedup_resnet18_step={Fixed(resnet, 2)} " +
                          $"bf16_speedup_epoch={Fixed(epochSpeedup, 2)} bf16_ratio_vs_pytorch_bf16={Fixed(vsPyTorch, 2)}");
    }

    /// <summary>Median over rounds of (float32 step time / bfloat16 step time), the two steps of a round back to back.</summary>
    private static double CompareSteps(GapArchitecture architecture, double width, int batch, int rounds, int warmups)
    {
        var precisions = new[] { TrainingPrecision.Float32, TrainingPrecision.BFloat16 };
        var steps = precisions.Select(p => new TensorTrainingStep(architecture, width, batch, 64, precision: p)).ToArray();
        var seconds = precisions.Select(_ => new List<double>()).ToArray();
        var firstLoss = new float[precisions.Length];
        try
        {
            for (int round = -warmups; round < rounds; round++)
            {
                for (int i = 0; i < steps.Length; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    float loss = steps[i].Step();
                    double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                    if (round == -warmups)
                        firstLoss[i] = loss;
                    if (round >= 0)
                        seconds[i].Add(elapsed);
                }
            }
        }
        finally
        {
            foreach (var step in steps)
                step.Dispose();
        }
        double speedup = Timing.Median(seconds[0].Zip(seconds[1], (a, b) => a / b).ToList());
        var fp32 = StepThroughput.FromSeconds(seconds[0], batch);
        var bf16 = StepThroughput.FromSeconds(seconds[1], batch);
        string name = architecture.ToString().ToLowerInvariant();
        Result($"(a) {architecture} (width {width}) pure step at batch {batch}, float32 and bfloat16 in turn for {rounds} rounds; " +
               "speedup = median over rounds of float32 / bfloat16 step time; the first losses (same weights, same batch) should agree to ~1e-2.",
            ($"{name}_fp32_step_images_per_second", fp32.Median), ($"{name}_bf16_step_images_per_second", bf16.Median),
            ($"{name}_bf16_step_speedup", speedup), ($"{name}_first_loss_fp32", firstLoss[0]), ($"{name}_first_loss_bf16", firstLoss[1]));
        return speedup;
    }

    private static (double Speedup, double VsPyTorch) CompareEpochs(BenchmarkSizes sizes, string root, string? python)
    {
        double Epoch(TrainingPrecision precision)
        {
            var timed = EndToEndTraining.Run(root, sizes.MemoryImagesPerClass, epochs: 2, sizes.StepBatch, sizes.Width, out long images,
                precision: precision)[^1];
            Result($"(b) end-to-end SmallAlexNetGap epoch 2 over {images} real JPEGs in {precision}.",
                ($"e2e_{precision}_images_per_second".ToLowerInvariant(), timed.Report.ImagesPerSecond),
                ($"e2e_{precision}_cores_used".ToLowerInvariant(), timed.CoresUsed));
            return timed.Report.ImagesPerSecond;
        }
        double fp32 = Epoch(TrainingPrecision.Float32);
        double bf16 = Epoch(TrainingPrecision.BFloat16);
        var outcome = PyTorchReference.Run(python, root, sizes.MemoryImagesPerClass, sizes.StepBatch, sizes.Width, TimeSpan.FromMinutes(20),
            bfloat16: true);
        if (outcome.ImagesPerSecond is not double pytorch)
        {
            Result($"(c) {outcome.Detail}", ("pytorch_bf16_images_per_second", double.NaN));
            return (bf16 / fp32, double.NaN);
        }
        Result($"(c) the same epoch in PyTorch eager under bfloat16 autocast: {outcome.Detail}", ("pytorch_bf16_images_per_second", pytorch));
        return (bf16 / fp32, bf16 / pytorch);
    }
}
