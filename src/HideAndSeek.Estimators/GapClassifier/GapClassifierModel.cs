using HideAndSeek.Networks;

namespace HideAndSeek.GapClassifier;

/// <summary>The trained network behind a <see cref="GapClassifierTransformer"/>: what it is and how it was trained.</summary>
public sealed class GapClassifierModel
{
    private readonly GapClassifierRuntime _runtime;

    internal GapClassifierModel(GapClassifierRuntime runtime, IReadOnlyList<EpochReport> history)
    {
        _runtime = runtime;
        History = history;
    }

    internal GapClassifierRuntime Runtime => _runtime;

    /// <summary>The architecture.</summary>
    public GapArchitecture Architecture => _runtime.Description.Architecture;

    /// <summary>Class names in key order (the label's key values).</summary>
    public IReadOnlyList<string> ClassNames => _runtime.Description.ClassNames;

    /// <summary>Channels C of the CAM feature map.</summary>
    public int FeatureChannels => _runtime.FeatureChannels;

    /// <summary>Height h of the CAM feature map.</summary>
    public int FeatureMapHeight => _runtime.FeatureHeight;

    /// <summary>Width w of the CAM feature map.</summary>
    public int FeatureMapWidth => _runtime.FeatureWidth;

    /// <summary>Input image height.</summary>
    public int ImageHeight => _runtime.Description.Height;

    /// <summary>Input image width.</summary>
    public int ImageWidth => _runtime.Description.Width;

    /// <summary>Trainable parameters.</summary>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    public long ParameterCount => _runtime.UseNetwork(network => network.parameters().Sum(p => p.numel()));

    /// <summary>Per-epoch metrics of the training run (empty for a model loaded from a zip).</summary>
    public IReadOnlyList<EpochReport> History { get; }

    /// <summary>The classifier weights w[c, k] (K x C, row-major) that turn F into a CAM.</summary>
    public ReadOnlySpan<float> ClassifierWeights => _runtime.ClassifierWeights;

    /// <summary>Writes the network's weights as a TorchSharp state file (<c>Module.load</c> reads it back).</summary>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    public void ExportWeights(string path) => _runtime.UseNetwork(network => network.save(path));
}
