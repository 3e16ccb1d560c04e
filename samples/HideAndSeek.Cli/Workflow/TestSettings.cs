namespace HideAndSeek.Cli.Workflow;

/// <summary>What the test command was asked to do.</summary>
internal sealed record TestSettings
{
    public required string Dataset { get; init; }

    /// <summary>A model zip, or a train dir holding model.zip.</summary>
    public required string Checkpoint { get; init; }

    public IReadOnlyList<double> Thresholds { get; init; } = HideAndSeek.Boxes.LocalizationThresholds.Seed;

    public bool MultiCrop { get; init; }

    public bool Visualize { get; init; }

    public int VisCount { get; init; } = 16;

    public string? Output { get; init; }

    /// <summary>Training images (spread over the classes) used to choose the threshold; 0 chooses on the test split itself.</summary>
    public int SelectionImages { get; init; } = 1000;

    public bool WsolConvention { get; init; }

    /// <summary>How boxes are drawn around the thresholded heatmap; null keeps the model's (the seed's, by default).</summary>
    public HideAndSeek.Boxes.BoxMode? BoxMode { get; init; }

    public int Seed { get; init; } = 1;

    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Leave out unreadable images (counted and listed) instead of stopping at the first one.</summary>
    public bool SkipBadImages { get; init; }
}
