using HideAndSeek.Networks;
using HideAndSeek.Torch;
using System.Diagnostics;
using static HideAndSeek.Benchmarks.ResultLog;
using static TorchSharp.torch;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// Where the end-to-end time goes, measured A/B/A/B so that load from other work hits every variant alike: tensor
/// layouts of the pure step (step by step, alternating), and the JPEG pipeline against the same pipeline on cached
/// decoded pixels and against the pure step. Not part of "all": run it as the suite "diagnose".
/// </summary>
internal static class DiagnoseSuite
{
    public static void Run(BenchmarkSizes sizes, string? dataRoot, string? python)
    {
        Note($"suite diagnose: torch threads {get_num_threads()}, {Environment.ProcessorCount} cores");
        if (dataRoot is not null)
            PhaseBreakdown.Run(sizes, dataRoot);
        CompareLayouts(sizes, GapArchitecture.SmallAlexNetGap, sizes.StepBatch, sizes.TimedSteps);
        foreach (var architecture in Enum.GetValues<GapArchitecture>().Where(a => a != GapArchitecture.SmallAlexNetGap))
            CompareLayouts(sizes, architecture, sizes.LargeNetworkBatch, sizes.LargeNetworkSteps);
        if (dataRoot is null)
        {
            Note("skipped the data-path comparison: no Tiny ImageNet data");
        }
        else
        {
            CompareDataPaths(sizes, dataRoot);
            CompareWithPyTorch(sizes, dataRoot, python);
        }
    }

    /// <summary>
    /// The .NET end-to-end run and the PyTorch script in turn, several rounds over the same subset (each its own warm-up
    /// epoch and timed epoch): the spread of the ratio between neighbouring runs.
    /// </summary>
    private static void CompareWithPyTorch(BenchmarkSizes sizes, string root, string? python)
    {
        const int rounds = 3;
        var epochRatios = new List<double>();
        var stepRatios = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            var timed = EndToEndTraining.Run(root, sizes.MemoryImagesPerClass, epochs: 2, sizes.StepBatch, sizes.Width, out _)[^1];
            var dotnetSteps = StepThroughput.FromSeconds(timed.StepSeconds, sizes.StepBatch);
            var outcome = PyTorchReference.Run(python, root, sizes.MemoryImagesPerClass, sizes.StepBatch, sizes.Width, TimeSpan.FromMinutes(10));
            if (outcome.ImagesPerSecond is not double pytorch)
            {
                Result($"round {round + 1}: {outcome.Detail}", ("interleaved_pytorch_images_per_second", double.NaN));
                return;
            }
            double pytorchStep = sizes.StepBatch / outcome.StepSeconds.Median;
            epochRatios.Add(timed.Report.ImagesPerSecond / pytorch);
            stepRatios.Add(dotnetSteps.Median / pytorchStep);
            Result($"round {round + 1} of {rounds}: the .NET epoch 2 and the PyTorch timed epoch over {sizes.MemoryImagesPerClass} images per class, run one after the other.",
                ("interleaved_dotnet_images_per_second", timed.Report.ImagesPerSecond), ("interleaved_pytorch_images_per_second", pytorch),
                ("interleaved_dotnet_step_images_per_second", dotnetSteps.Median), ("interleaved_pytorch_step_images_per_second", pytorchStep),
                ("interleaved_epoch_ratio", epochRatios[^1]), ("interleaved_step_ratio", stepRatios[^1]));
        }
        Result($"median over {rounds} interleaved rounds (min..max in the sentence): epoch ratio {Fixed(epochRatios.Min(), 2)}..{Fixed(epochRatios.Max(), 2)}, " +
               $"step ratio {Fixed(stepRatios.Min(), 2)}..{Fixed(stepRatios.Max(), 2)}.",
            ("interleaved_ratio_vs_pytorch", Timing.Median(epochRatios)), ("interleaved_step_ratio_vs_pytorch", Timing.Median(stepRatios)));
    }

    /// <summary>
    /// The pure step of one network trained with NCHW activations (channels zero-padded where libtorch's NCHW kernels
    /// are wrong, CpuConvolutionLayout.PaddedChannels) and with channels-last ones, one step of each in turn, repeated.
    /// </summary>
    private static void CompareLayouts(BenchmarkSizes sizes, GapArchitecture architecture, int batch, int rounds)
    {
        var layouts = new[] { CpuConvolutionLayout.PaddedChannels, CpuConvolutionLayout.ChannelsLast };
        var steps = layouts.Select(_ => new TensorTrainingStep(architecture, sizes.Width, batch, 64)).ToArray();
        var seconds = layouts.Select(_ => new List<double>()).ToArray();
        var firstLoss = new float[layouts.Length];
        try
        {
            for (int round = -sizes.WarmupSteps; round < rounds; round++)
            {
                for (int i = 0; i < steps.Length; i++)
                {
                    CpuConvolution.Layout = layouts[i];
                    long start = Stopwatch.GetTimestamp();
                    float loss = steps[i].Step();
                    double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                    if (round == -sizes.WarmupSteps)
                        firstLoss[i] = loss; // same weights and batch: the two must agree up to rounding
                    if (round >= 0)
                        seconds[i].Add(elapsed);
                }
            }
        }
        finally
        {
            CpuConvolution.Layout = CpuConvolutionLayout.ChannelsLast;
            foreach (var step in steps)
                step.Dispose();
        }
        var nchw = StepThroughput.FromSeconds(seconds[0], batch);
        var channelsLast = StepThroughput.FromSeconds(seconds[1], batch);
        // Paired per round: the two steps of a round ran seconds apart, under the same outside load.
        double speedup = Timing.Median(seconds[0].Zip(seconds[1], (a, b) => a / b).ToList());
        Result($"{architecture} pure step (batch {batch}) with padded NCHW and with channels-last activations, {rounds} rounds interleaved; " +
               "speedup = median over rounds of NCHW step time / channels-last step time.",
            ($"layout_{architecture}_nchw_images_per_second", nchw.Median), ($"layout_{architecture}_channels_last_images_per_second", channelsLast.Median),
            ($"layout_{architecture}_channels_last_speedup", speedup),
            ($"layout_{architecture}_first_loss_nchw", firstLoss[0]), ($"layout_{architecture}_first_loss_channels_last", firstLoss[1]));
    }

    /// <summary>
    /// The JPEG pipeline (trained with channels-last activations, then with NCHW ones: the before/after of that change)
    /// and the same pipeline on cached decoded pixels (no decoding in the loader), two epochs each over a subset; during
    /// the second epoch a pure step runs after every other trainer step (same thread, same window, same layout).
    /// </summary>
    private static void CompareDataPaths(BenchmarkSizes sizes, string root)
    {
        using var pure = new TensorTrainingStep(GapArchitecture.SmallAlexNetGap, sizes.Width, sizes.StepBatch, 64);
        pure.StepSeconds(sizes.WarmupSteps, 0);
        foreach (var (name, cached, channelsLast) in new[] { ("jpeg", false, true), ("jpeg_nchw", false, false), ("cached", true, true) })
        {
            CpuConvolution.Layout = channelsLast ? CpuConvolutionLayout.ChannelsLast : CpuConvolutionLayout.PaddedChannels;
            var pureSeconds = new List<double>();
            int calls = 0;
            void Interleave(int epoch)
            {
                if (epoch == 2 && calls++ % 2 == 0)
                    pureSeconds.Add(pure.StepSeconds(0, 1)[0]);
            }
            IReadOnlyList<EpochObservation> epochs;
            long images;
            try
            {
                epochs = EndToEndTraining.Run(root, sizes.MemoryImagesPerClass, epochs: 2, sizes.StepBatch, sizes.Width, out images,
                    cacheDecodedPixels: cached, afterStep: Interleave);
            }
            finally
            {
                CpuConvolution.Layout = CpuConvolutionLayout.ChannelsLast;
            }
            var timed = epochs[^1];
            var e2e = StepThroughput.FromSeconds(timed.StepSeconds, sizes.StepBatch);
            var alone = StepThroughput.FromSeconds(pureSeconds, sizes.StepBatch);
            Result($"epoch 2 over {images} images, {(channelsLast ? "channels-last" : "padded NCHW")} activations, pixels {(cached ? "cached after the first decode (the loader only hides)" : "decoded from JPEG every epoch")}, " +
                   $"{e2e.Steps} trainer step cycles interleaved with {alone.Steps} pure steps; efficiency = trainer cycle / pure step images per second.",
                ($"path_{name}_step_median_images_per_second", e2e.Median), ($"path_{name}_step_fast_images_per_second", e2e.FastDecile),
                ($"path_{name}_pure_median_images_per_second", alone.Median), ($"path_{name}_pure_fast_images_per_second", alone.FastDecile),
                ($"path_{name}_efficiency_median", e2e.Median / alone.Median), ($"path_{name}_efficiency_fast", e2e.FastDecile / alone.FastDecile),
                ($"path_{name}_cores_used", timed.CoresUsed));
        }
    }
}
