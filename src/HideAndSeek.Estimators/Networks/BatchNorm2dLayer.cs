using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// BatchNorm over NCHW activations: PyTorch's BatchNorm2d (per-channel affine, running statistics with an
/// exponential-average momentum, a batch counter), with the same state keys (weight, bias, running_mean, running_var,
/// num_batches_tracked) in the same order, so weights saved from TorchSharp's module load unchanged.
/// </summary>
/// <remarks>
/// TorchSharp's own BatchNorm2d counts batches with <c>num_batches_tracked.add_(1)</c>, an implicit Scalar temporary that
/// the garbage collector may free while libtorch reads it: a training step could crash at random. This layer counts
/// with a Scalar that lives for the whole process.
/// </remarks>
internal sealed class BatchNorm2dLayer : nn.Module<Tensor, Tensor>
{
    /// <param name="channels">Channels normalised.</param>
    /// <param name="epsilon">Added to the variance.</param>
    /// <param name="momentum">Weight of the current batch in the running statistics (PyTorch's convention).</param>
    public BatchNorm2dLayer(long channels, double epsilon, double momentum) : base("BatchNorm2d")
    {
        Epsilon = epsilon;
        Momentum = momentum;
        // The names and order of TorchSharp's BatchNorm2d, so saved state reads the same. Looked up by name when used:
        // moving the module to another device or type replaces the registered tensors.
        // Detached from any dispose scope around the construction: the module owns them.
        // The initial values are held in variables while the parameters are made from them (a temporary's finalizer
        // could free it during the native call).
        using var initialWeight = ones(channels);
        using var initialBias = zeros(channels);
        register_parameter("weight", Owned(nn.Parameter(initialWeight)));
        register_parameter("bias", Owned(nn.Parameter(initialBias)));
        register_buffer("running_mean", zeros(channels).DetachFromDisposeScope());
        register_buffer("running_var", ones(channels).DetachFromDisposeScope());
        register_buffer("num_batches_tracked", tensor(0L).DetachFromDisposeScope());
    }

    /// <summary>Added to the variance before the square root.</summary>
    public double Epsilon { get; }

    /// <summary>Weight of the current batch in the running statistics.</summary>
    public double Momentum { get; }

    /// <summary>Scale per channel (registered parameter).</summary>
    public Parameter Weight => get_parameter("weight")!;

    /// <summary>Shift per channel (registered parameter).</summary>
    public Parameter Bias => get_parameter("bias")!;

    /// <summary>Running mean per channel (registered buffer).</summary>
    public Tensor RunningMean => get_buffer("running_mean")!;

    /// <summary>Running variance per channel (registered buffer).</summary>
    public Tensor RunningVariance => get_buffer("running_var")!;

    /// <summary>Training batches seen (registered buffer).</summary>
    public Tensor BatchesTracked => get_buffer("num_batches_tracked")!;

    private static Parameter Owned(Parameter parameter)
    {
        parameter.DetachFromDisposeScope();
        return parameter;
    }

    public override Tensor forward(Tensor input)
    {
        if (input.ndim != 4)
            throw new ArgumentException($"BatchNorm2d expects NCHW input, got {input.ndim} dimensions.", nameof(input));
        if (training)
            BatchesTracked.add_(ConstantScalars.One, ConstantScalars.One); // in place: returns the buffer itself
        return nn.functional.batch_norm(input, RunningMean, RunningVariance, Weight, Bias, training, Momentum, Epsilon);
    }
}
