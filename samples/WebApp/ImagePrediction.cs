namespace HideAndSeek.WebApp;

/// <summary>The columns read back from the model: class probabilities, the class key, the box in the photo's pixels, the heatmap.</summary>
internal sealed class ImagePrediction
{
    public float[] Score { get; set; } = [];

    /// <summary>1-based class key; 0 when missing.</summary>
    public uint PredictedLabel { get; set; }

    /// <summary>xmin, ymin, xmax, ymax in the photo's own pixels, inclusive (the localiser maps it back through PreparePhotos' resize).</summary>
    public float[] PhotoBox { get; set; } = [];

    /// <summary>The photo's width, height and resize mode (PreparePhotos writes it from the file's header).</summary>
    public float[] PhotoGeometry { get; set; } = [];

    /// <summary>Height x width values in [0, 1], row-major, at the network's input size.</summary>
    public float[] Heatmap { get; set; } = [];
}
