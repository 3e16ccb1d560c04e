using HideAndSeek.ModelFormat;
using HideAndSeek.Networks;
using HideAndSeek.PixelColumns;
using HideAndSeek.Ranking;
using HideAndSeek.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace HideAndSeek.GapClassifier;

/// <summary>
/// A trained GAP network ready to score: TorchSharp computes the feature map F in eval mode (convolutions are
/// batch-invariant on libtorch CPU), and the pooling, the bias-free classifier and the softmax run in C# with a fixed
/// summation order, so a batch and single rows give bit-identical scores (libtorch's matmul is not batch-invariant).
/// Shared by the in-process transformer and the custom mapping of a loaded zip. Releasing it (its last lease) disposes
/// the network's tensors; calls in progress finish first, later ones throw <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed class GapClassifierRuntime : ModelRuntime
{
    internal const string PayloadKind = "GapClassifier";
    internal const int PayloadVersion = 1;

    /// <summary>Contract names of the zip's custom mapping: "HideAndSeek.GapClassifier.v1.T{size}".</summary>
    internal const string MappingFamily = "HideAndSeek.GapClassifier.v1";

    private readonly GapNetwork _network;
    private readonly Device _device;

    // Readers are the calls that touch the network (concurrent scoring); the writer is the release that disposes it.
    private readonly ReaderWriterLockSlim _networkUse = new(LockRecursionPolicy.SupportsRecursion);
    private readonly NativeMemoryCharge _charge;
    private PackedLayout? _packing;

    public GapClassifierRuntime(GapNetwork network, NetworkDescription description, string modelId)
        : base(modelId)
    {
        _network = network;
        _network.eval();
        Description = description;
        _device = network.Classifier.weight!.device;
        using (no_grad())
        {
            // [K, C] row-major, copied once to managed memory for the C# head.
            ClassifierWeights = network.Classifier.weight!.cpu().data<float>().ToArray();
        }
        (FeatureHeight, FeatureWidth) = network.FeatureMapSize(description.Height, description.Width);
        FeatureChannels = network.FeatureChannels;
        // Parameters and buffers (BatchNorm statistics) of 4-byte floats: what the tensors hold natively.
        _charge = new NativeMemoryCharge(4 * (network.parameters().Sum(p => p.numel()) + network.buffers().Sum(b => b.numel())));
    }

    public override string Kind => "GapClassifier";

    public NetworkDescription Description { get; }

    /// <summary>The network, unguarded (tests read it): only while a lease is held; scoring code uses <see cref="UseNetwork{T}"/>.</summary>
    public GapNetwork Network => _network;

    public float[] ClassifierWeights { get; }

    public int NumClasses => Description.ClassNames.Length;

    public int FeatureChannels { get; }

    public int FeatureHeight { get; }

    public int FeatureWidth { get; }

    public int FeatureLength => FeatureChannels * FeatureHeight * FeatureWidth;

    /// <summary>Where the loaded-zip path packs its outputs (<see cref="GapClassifierOutputs"/>).</summary>
    public PackedLayout Packing => _packing ??= GapClassifierOutputs.Pack(this);

    public PixelColumnShape InputShape => new(3, Description.Height, Description.Width, KnownSize: true);

    public GlobalPooling Pooling => _network.Pooling;

    /// <summary>F for <paramref name="count"/> images stored one after another in <paramref name="pixels"/>.</summary>
    public void ComputeFeatures(float[] pixels, int count, Span<float> features) =>
        ComputeFeatures(pixels, count, Description.Height, Description.Width, features);

    /// <summary>
    /// F for <paramref name="count"/> images of <paramref name="height"/> x <paramref name="width"/> (crops for the
    /// multi-crop test may be smaller than the training images).
    /// </summary>
    public void ComputeFeatures(float[] pixels, int count, int height, int width, Span<float> features)
    {
        int length = 3 * height * width;
        var (h, w) = _network.FeatureMapSize(height, width);
        int featureLength = FeatureChannels * h * w;
        if (pixels.Length < count * length || features.Length < count * featureLength)
            throw new ArgumentException("Buffers are too small for the batch.");
        EnterUse();
        try
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var input = tensor(pixels, new long[] { pixels.Length / length, 3, height, width });
            if (pixels.Length / length != count)
                input = input.narrow(0, 0, count);
            var f = _network.FeatureMap(input.to(_device)).cpu().contiguous();
            f.data<float>().CopyTo(features[..(count * featureLength)]);
        }
        finally
        {
            _networkUse.ExitReadLock();
        }
    }

    /// <summary>The feature map size of an input size (arithmetic only; no tensors).</summary>
    public (int H, int W) FeatureMapSize(int height, int width) => _network.FeatureMapSize(height, width);

    /// <summary>Runs <paramref name="action"/> on the network; throws once the runtime is released.</summary>
    public T UseNetwork<T>(Func<GapNetwork, T> action)
    {
        EnterUse();
        try
        {
            return action(_network);
        }
        finally
        {
            _networkUse.ExitReadLock();
        }
    }

    protected override void ReleaseResources()
    {
        // Waits for calls in progress: the tensors are never disposed under a forward pass.
        _networkUse.EnterWriteLock();
        try
        {
            _network.Dispose();
        }
        finally
        {
            _networkUse.ExitWriteLock();
        }
        _charge.Release();
    }

    private void EnterUse()
    {
        _networkUse.EnterReadLock();
        if (IsReleased)
        {
            _networkUse.ExitReadLock();
            throw Disposed();
        }
    }

    /// <summary>Softmax class probabilities from one image's F (pooling and classifier in C#).</summary>
    public void Head(ReadOnlySpan<float> feature, Span<float> scores) => Head(feature, FeatureHeight * FeatureWidth, scores);

    /// <summary>Softmax class probabilities from a feature map with <paramref name="plane"/> positions per channel.</summary>
    public void Head(ReadOnlySpan<float> feature, int plane, Span<float> scores)
    {
        int c = FeatureChannels, k = NumClasses;
        Span<float> pooled = c <= 4096 ? stackalloc float[c] : new float[c];
        for (int ch = 0; ch < c; ch++)
        {
            var values = feature.Slice(ch * plane, plane);
            if (Pooling == GlobalPooling.Max)
            {
                float max = float.NegativeInfinity;
                foreach (var v in values)
                    max = Math.Max(max, v);
                pooled[ch] = max;
            }
            else
            {
                float sum = 0;
                foreach (var v in values)
                    sum += v;
                pooled[ch] = sum / plane;
            }
        }
        var weights = ClassifierWeights.AsSpan();
        double maxLogit = double.NegativeInfinity;
        Span<double> logits = k <= 2048 ? stackalloc double[k] : new double[k];
        for (int cls = 0; cls < k; cls++)
        {
            var row = weights.Slice(cls * c, c);
            double logit = 0;
            for (int ch = 0; ch < c; ch++)
                logit += row[ch] * (double)pooled[ch];
            logits[cls] = logit;
            maxLogit = Math.Max(maxLogit, logit);
        }
        double total = 0;
        for (int cls = 0; cls < k; cls++)
        {
            logits[cls] = Math.Exp(logits[cls] - maxLogit);
            total += logits[cls];
        }
        for (int cls = 0; cls < k; cls++)
            scores[cls] = (float)(logits[cls] / total);
    }

    /// <summary>
    /// Non-finite numbers never leave scoring silently: throws when an image's pixels, feature map or class scores hold
    /// a NaN or an infinity, naming <paramref name="row"/> and where the first one is.
    /// </summary>
    /// <exception cref="InvalidDataException">A value is not finite.</exception>
    public void EnsureFinite(ReadOnlySpan<float> pixels, ReadOnlySpan<float> features, ReadOnlySpan<float> scores, string row)
    {
        static int FirstNonFinite(ReadOnlySpan<float> values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (!float.IsFinite(values[i]))
                    return i;
            }
            return -1;
        }

        int at = FirstNonFinite(pixels);
        if (at >= 0)
        {
            throw new InvalidDataException(
                $"GapClassifier: {row}: pixel value {at} is {pixels[at]}; the input image holds non-finite values.");
        }
        at = FirstNonFinite(features);
        if (at >= 0)
        {
            int plane = features.Length / FeatureChannels;
            throw new InvalidDataException(
                $"GapClassifier: {row}: the feature map is {features[at]} at channel {at / plane}, position {at % plane}, from finite " +
                "pixels: the model's weights are not finite, or the convolution kernels are wrong on this CPU " +
                $"({TorchRuntime.ConvolutionCheck})");
        }
        at = FirstNonFinite(scores);
        if (at >= 0)
            throw new InvalidDataException($"GapClassifier: {row}: the score of class {at} is {scores[at]}; the classifier weights are not finite.");
    }

    /// <summary>
    /// Scores one image into <paramref name="packed"/> as <see cref="GapClassifierOutputs"/> lays it out and returns the
    /// top class name (the loaded-zip path).
    /// </summary>
    public string ScoreOne(float[] pixels, float[] packed)
    {
        InputShape.CheckRow(pixels.Length, "Pixels", 0, "GapClassifier");
        var packing = Packing;
        var features = packing.Slice(packed, GapClassifierOutputs.FeatureMap);
        ComputeFeatures(pixels, 1, features);
        var scores = packing.Slice(packed, GapClassifierOutputs.Score);
        Head(features, scores);
        EnsureFinite(pixels, features, scores, "the image being scored");
        return Description.ClassNames[ClassRanking.ArgMax(scores)];
    }

    /// <summary>The network description and weights as a payload; callers may add sections before writing it.</summary>
    public ModelPayload CreatePayload()
    {
        using var stream = new MemoryStream();
        UseNetwork(network => network.save(stream));
        return new ModelPayload(PayloadKind, PayloadVersion)
            .SetText("network", ModelJson.Serialize(Description))
            .Set("weights", stream.ToArray());
    }

    /// <summary>Rebuilds the runtime from a payload (what a loaded zip does once per process).</summary>
    public static GapClassifierRuntime Deserialize(byte[] bytes, string modelId)
    {
        var payload = ModelPayload.Parse(bytes, PayloadKind, PayloadVersion);
        var description = payload.GetJson<NetworkDescription>("network");
        var device = TorchRuntime.Initialize(TorchDevice.Auto);
        var network = description.CreateNetwork();
        using (var stream = new MemoryStream(payload.Get("weights"), writable: false))
            network.load(stream);
        network.to(device);
        return new GapClassifierRuntime(network, description, modelId);
    }
}

/// <summary>
/// Everything needed to rebuild a trained network's modules (the weights travel separately, so a saved ResNet18 needs
/// no ONNX file). The last two were added with ResNet18; descriptions saved before read as 0 (the architecture's
/// default side) and false.
/// </summary>
internal sealed record NetworkDescription(
    GapArchitecture Architecture,
    string[] ClassNames,
    float[] MeanPixel,
    double WidthMultiplier,
    bool WithoutResize,
    double DropoutKeepProbability,
    int Height,
    int Width,
    int ResizedSide = 0,
    bool HighResolutionCam = false)
{
    public GapNetworkOptions NetworkOptions => new()
    {
        NumClasses = ClassNames.Length,
        MeanPixel = MeanPixel,
        WidthMultiplier = WidthMultiplier,
        WithoutResize = WithoutResize,
        DropoutKeepProbability = DropoutKeepProbability,
        ResizedSide = ResizedSide > 0 ? ResizedSide : null,
        HighResolutionCam = HighResolutionCam,
    };

    public GapNetwork CreateNetwork(long? initSeed = null) =>
        GapNetworkFactory.Create(Architecture, NetworkOptions with { InitSeed = initSeed });
}
