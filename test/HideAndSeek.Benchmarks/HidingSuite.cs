using HideAndSeek.Hiding;
using HideAndSeek.Networks;
using Microsoft.ML;
using Microsoft.ML.Data;
using static HideAndSeek.Benchmarks.ResultLog;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// What HidePatches(16) costs per image at 64 and 224 px: the bare PatchHider, and the IDataView path a trainer reads,
/// each set against one training step per image of the network that takes such images.
/// </summary>
internal static class HidingSuite
{
    private const int PatchSide = 16;
    private const double Probability = 0.5;
    private const double Target = 0.02;

    public static void Run(BenchmarkSizes sizes)
    {
        Note("suite hiding: HidePatches(S=16, p=0.5) per image vs one training step per image");
        Measure(sizes, side: 64, sizes.RawHidingImages64, sizes.ViewImages64, GapArchitecture.SmallAlexNetGap, sizes.StepBatch, sizes.TimedSteps);
        Measure(sizes, side: 224, sizes.RawHidingImages224, sizes.ViewImages224, sizes.LargeArchitecture, sizes.LargeNetworkBatch, sizes.LargeNetworkSteps);
    }

    private static void Measure(BenchmarkSizes sizes, int side, int rawImages, int viewImages, GapArchitecture architecture, int batch, int steps)
    {
        double rawNs = RawHidingNanoseconds(side, rawImages, sizes.Repeats);
        Result($"PatchHider.Apply on one 3x{side}x{side} float image, median of {sizes.Repeats} runs over {rawImages} images.",
            ($"hiding_raw_ns_per_image_{side}", rawNs));

        var (plainNs, hiddenNs) = ViewNanoseconds(side, viewImages, sizes.Repeats);
        double viewNs = hiddenNs - plainNs;
        Result($"{viewImages} in-memory rows read through ImageHidingTransformer.TransformForTraining minus the same rows read " +
               "without hiding: the copy into the output buffer plus the masks.",
            ($"hiding_view_ns_per_image_{side}", viewNs), ($"plain_view_ns_per_image_{side}", plainNs), ($"hidden_view_ns_per_image_{side}", hiddenNs));

        double stepNs;
        using (var step = new TensorTrainingStep(architecture, sizes.Width, batch, side))
            stepNs = step.MedianStepSeconds(sizes.WarmupSteps, steps) / batch * 1e9;
        string resized = architecture == GapArchitecture.SmallAlexNetGap ? "" : " (the network resizes to its 227/224 input inside)";
        Result($"One {architecture} (width {sizes.Width}) training step at batch {batch} on {side}x{side} random pixels{resized}, " +
               $"median of {steps} steps, per image.",
            ($"train_step_ns_per_image_{side}", stepNs), ($"train_step_images_per_second_{side}", 1e9 / stepNs));

        double fraction = viewNs / stepNs;
        string verdict = fraction < Target ? "met" : "NOT met";
        Console.WriteLine($"hiding_cost_fraction_{side}={Fixed(fraction, 4)} hiding_raw_cost_fraction_{side}={Fixed(rawNs / stepNs, 4)} -- " +
                          $"hiding through the IDataView per image / {architecture} training step per image; target < {Target}: {verdict}.");
    }

    private static double RawHidingNanoseconds(int side, int images, int repeats)
    {
        var fill = new[] { 122.46f, 114.26f, 101.36f };
        var hider = new PatchHider(3, side, side, new[] { PatchSide }, Probability, fill, seed: 1);
        // Pixel values do not change the cost (hiding only writes); one image stays in cache as a decoded one would.
        var pixels = new float[3 * side * side];
        long epoch = 0;
        double seconds = Timing.MedianSeconds(1, repeats, () =>
        {
            epoch++;
            for (int i = 0; i < images; i++)
                hider.Apply(pixels, epoch, new DataViewRowId((ulong)i, 0));
        });
        return seconds / images * 1e9;
    }

    private static (double PlainNs, double HiddenNs) ViewNanoseconds(int side, int images, int repeats)
    {
        var ml = new MLContext(seed: 1);
        var plain = InMemoryImages.Create(ml, images, side, seed: side);
        var hiding = ml.Transforms.HidePatches(PatchSide, hideProbability: Probability).Fit(plain);
        var hidden = hiding.TransformForTraining(plain);
        // Interleaved, so drift on the shared machine hits both alike.
        var plainRuns = new List<double>();
        var hiddenRuns = new List<double>();
        InMemoryImages.ReadAllSeconds(plain);
        InMemoryImages.ReadAllSeconds(hidden);
        for (int i = 0; i < repeats; i++)
        {
            plainRuns.Add(InMemoryImages.ReadAllSeconds(plain));
            hiddenRuns.Add(InMemoryImages.ReadAllSeconds(hidden));
        }
        return (Timing.Median(plainRuns) / images * 1e9, Timing.Median(hiddenRuns) / images * 1e9);
    }
}
