using HideAndSeek.GapClassifier;
using HideAndSeek.Networks;
using HideAndSeek.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// A pure tensor training step: one fixed random batch, forward, cross-entropy, zero_grad, backward, SGD step. The
/// optimiser is set up as GapClassifierTrainer sets it (momentum 0.9, lr 0.01, L2 0.001 on weights only), so the
/// difference to the end-to-end epoch is the data path alone.
/// </summary>
internal sealed class TensorTrainingStep : IDisposable
{
    private readonly GapNetwork _network;
    private readonly MomentumSgd _optimizer;
    private readonly Tensor _pixels;
    private readonly Tensor _labels;

    public TensorTrainingStep(GapArchitecture architecture, double width, int batch, int side, int classes = 10, int seed = 1,
        TrainingPrecision precision = TrainingPrecision.Float32)
    {
        Batch = batch;
        Precision = precision;
        manual_seed(seed);
        _network = GapNetworkFactory.Create(architecture, new GapNetworkOptions { NumClasses = classes, WidthMultiplier = width, InitSeed = seed });
        _network.train();
        var parameters = _network.parameters().ToList();
        double weightDecay = architecture == GapArchitecture.GoogLeNetGap ? 0 : 0.001;
        var decayed = new MomentumSgd.ParameterGroup(parameters.Where(p => p.dim() > 1), 0.01, 0.9, weightDecay);
        var plain = new MomentumSgd.ParameterGroup(parameters.Where(p => p.dim() <= 1), 0.01, 0.9, 0);
        _optimizer = new MomentumSgd(new[] { decayed, plain });
        // Pixels 0..255 as ExtractPixels gives them; created outside any dispose scope and kept for every step.
        using var scale = 255f.ToScalar();
        _pixels = rand(batch, 3, side, side).mul_(scale);
        _labels = randint(0, classes, new long[] { batch }, dtype: ScalarType.Int64);
    }

    public int Batch { get; }

    /// <summary>The convolutions' arithmetic, as the trainer's option of the same name.</summary>
    public TrainingPrecision Precision { get; }

    /// <summary>One optimiser step; returns the loss (reading it also waits for the step, as the trainer does).</summary>
    public float Step()
    {
        using var scope = NewDisposeScope();
        Tensor logits;
        using (Precision == TrainingPrecision.BFloat16 ? MixedPrecision.Enter(ScalarType.BFloat16) : default)
            logits = _network.forward(_pixels);
        var loss = nn.functional.cross_entropy(logits, _labels);
        _optimizer.ZeroGrad();
        loss.backward();
        _optimizer.Step();
        return loss.item<float>();
    }

    /// <summary>Median seconds of one step after <paramref name="warmups"/> untimed steps.</summary>
    public double MedianStepSeconds(int warmups, int steps) => Timing.Median(StepSeconds(warmups, steps));

    /// <summary>Seconds of each of <paramref name="steps"/> steps after <paramref name="warmups"/> untimed ones.</summary>
    public double[] StepSeconds(int warmups, int steps) => Timing.Samples(warmups, steps, () => Step());

    public void Dispose()
    {
        _pixels.Dispose();
        _labels.Dispose();
        _optimizer.Dispose();
        _network.Dispose();
    }
}
