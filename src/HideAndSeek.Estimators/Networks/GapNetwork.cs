using HideAndSeek.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// A classification network whose last convolution block gives the class activation map (CAM) features:
/// logits = Classifier(Pool(FeatureMap(x))), and the CAM of class c is sum_k Classifier.weight[c, k] * F_k.
/// </summary>
/// <remarks>
/// <para>Input: [B, 3, H, W] float pixels 0..255 in R, G, B planar order (what ML.NET's ExtractPixels produces),
/// <see cref="InputSize"/> = 64 on each side for every architecture. The networks that resize do it inside, so
/// callers always feed the 64x64 image.</para>
/// <para>State dictionary keys: "mean" (the mean pixel, [1, 3, 1, 1]), "trunk.&lt;layer&gt;...." for the layers named
/// in each architecture's documentation, and "classifier.weight" ([K, C], no bias).</para>
/// <para>Forward methods allocate intermediate tensors and dispose the ones they do not return; call them inside a
/// <c>torch.NewDisposeScope()</c> to collect the results.</para>
/// </remarks>
internal abstract class GapNetwork : nn.Module<Tensor, Tensor>
{
    // Registered explicitly: RegisterComponents reflects over the runtime (derived) type, which does not see the
    // private fields of this base class.
    private readonly Tensor mean;
    private readonly Sequential trunk;
    private readonly Linear classifier;

    /// <param name="name">Module name.</param>
    /// <param name="architecture">The architecture this instance implements.</param>
    /// <param name="options">Options; validated here.</param>
    /// <param name="trunk">The convolution layers, input (already mean-subtracted, resized) to F.</param>
    /// <param name="featureChannels">C, the channels of F.</param>
    /// <param name="pooling">GAP or GMP.</param>
    protected GapNetwork(string name, GapArchitecture architecture, GapNetworkOptions options, Sequential trunk,
        int featureChannels, GlobalPooling pooling) : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Architecture = architecture;
        Options = options;
        NumClasses = options.NumClasses;
        FeatureChannels = featureChannels;
        Pooling = pooling;

        this.trunk = trunk;
        // Detached so that building the network inside a caller's dispose scope does not dispose the buffer with it.
        mean = tensor(options.MeanPixel.ToArray(), new long[] { 1, 3, 1, 1 }).DetachFromDisposeScope();
        classifier = nn.Linear(featureChannels, options.NumClasses, hasBias: false);
        register_buffer("mean", mean);
        register_module("trunk", trunk);
        register_module("classifier", classifier);

        using var generator = options.InitSeed is long seed ? new Generator(unchecked((ulong)seed), CPU) : null;
        WeightInit.Apply(this, generator);
    }

    /// <summary>The architecture this instance implements.</summary>
    public GapArchitecture Architecture { get; }

    /// <summary>The options the network was built with.</summary>
    public GapNetworkOptions Options { get; }

    /// <summary>K, the number of classes (logits).</summary>
    public int NumClasses { get; }

    /// <summary>C, the channels of the feature map F (scaled by the width multiplier).</summary>
    public int FeatureChannels { get; }

    /// <summary>
    /// The side of the square input images the network is designed for: 64 for every architecture (the AlexNet and
    /// GoogLeNet families resize internally). Other sizes work where <see cref="FeatureMapSize"/> allows them.
    /// </summary>
    public int InputSize => 64;

    /// <summary>Global average or max pooling.</summary>
    public GlobalPooling Pooling { get; }

    /// <summary>The linear classifier without bias: weight [K, C].</summary>
    public Linear Classifier => classifier;

    /// <summary>The convolution layers, from the preprocessed input to F.</summary>
    internal Sequential Trunk => trunk;

    /// <summary>The mean pixel buffer, [1, 3, 1, 1].</summary>
    internal Tensor MeanPixel => mean;

    /// <summary>Logits [B, K] for pixels [B, 3, H, W].</summary>
    public override Tensor forward(Tensor x)
    {
        using var features = FeatureMap(x);
        using var pooled = Pool(features);
        return classifier.forward(pooled);
    }

    /// <summary>
    /// F [B, C, h, w]: everything up to and including the last convolution block (mean subtraction, dropout in
    /// training, resize, trunk).
    /// </summary>
    public Tensor FeatureMap(Tensor x)
    {
        CheckInput(x);
        using var prepared = Preprocess(x);
        if (prepared.device_type != DeviceType.CPU || CpuConvolution.Layout != CpuConvolutionLayout.ChannelsLast)
            return trunk.forward(prepared);
        // Channels-last from the first layer on: libtorch keeps the layout through every later layer, so no
        // convolution has to reorder its input (and NCHW would be wrong on oneDNN, see CpuConvolution). Training
        // is also ~10% faster than on NCHW activations.
        using var channelsLast = CpuConvolution.ToChannelsLast(prepared);
        return trunk.forward(channelsLast);
    }

    /// <summary>
    /// The random source of training-time dropout (DropAlexNetGap, Drop2AlexNetGap). The trainer owns it, seeds it per
    /// epoch and saves its state in mid-epoch checkpoints; null uses torch's global generator, which every thread of
    /// the process shares (so two trainings in one process would disturb each other's draws).
    /// </summary>
    internal Generator? DropoutGenerator { get; set; }

    /// <summary>Global pooling of F [B, C, h, w] to [B, C].</summary>
    public Tensor Pool(Tensor f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.dim() != 4)
            throw new ArgumentException($"Expected a feature map [B, C, h, w], got {f.dim()} dimensions.", nameof(f));
        var spatial = new long[] { 2, 3 };
        return Pooling == GlobalPooling.Max ? f.amax(spatial) : f.mean(spatial);
    }

    /// <summary>The (h, w) of F for an input of <paramref name="inputH"/> x <paramref name="inputW"/> pixels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input is too small for the network.</exception>
    public abstract (int H, int W) FeatureMapSize(int inputH, int inputW);

    /// <summary>
    /// The parameters that get the L2 penalty (weight decay): by default every weight with more than one dimension
    /// (convolution kernels and the classifier), never biases or BatchNorm. An architecture whose seed regularises
    /// fewer layers overrides this.
    /// </summary>
    internal virtual IEnumerable<Parameter> WeightDecayParameters() => parameters().Where(p => p.dim() > 1);

    /// <summary>
    /// What the trunk sees: the mean pixel subtracted (the AlexNet family adds pixel dropout in training and the
    /// resize). Returns a new tensor.
    /// </summary>
    internal virtual Tensor Preprocess(Tensor x) => x.sub(mean);

    private static void CheckInput(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 4 || x.shape[1] != 3)
        {
            throw new ArgumentException(
                $"Expected pixels [B, 3, H, W], got [{string.Join(", ", x.shape)}].", nameof(x));
        }
    }
}
