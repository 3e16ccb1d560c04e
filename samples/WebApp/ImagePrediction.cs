namespace HideAndSeek.WebApp;

/// <summary>The columns read back from the model: class probabilities, the class key, the CAM box and heatmap.</summary>
internal sealed class ImagePrediction
{
    public float[] Score { get; set; } = [];

    /// <summary>1-based class key; 0 when missing.</summary>
    public uint PredictedLabel { get; set; }

    /// <summary>xmin, ymin, xmax, ymax in the model's input pixels, inclusive.</summary>
    public float[] PredictedBox { get; set; } = [];

    /// <summary>Height x width values in [0, 1], row-major, at the model's input size.</summary>
    public float[] Heatmap { get; set; } = [];
}
