using HideAndSeek.Networks;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// How big each measurement is. The full run is sized for the 2-core reference machine (about 15 minutes); the quick
/// run only proves that every path works (numbers from it mean nothing).
/// </summary>
internal sealed record BenchmarkSizes
{
    /// <summary>Network width for the step measurements (1 = the seed's networks).</summary>
    public required double Width { get; init; }

    /// <summary>Width for the per-architecture lines (the AlexNet and GoogLeNet families are the expensive ones).</summary>
    public required double ArchitectureWidth { get; init; }

    public required int RawHidingImages64 { get; init; }

    public required int RawHidingImages224 { get; init; }

    public required int ViewImages64 { get; init; }

    public required int ViewImages224 { get; init; }

    public required int Repeats { get; init; }

    /// <summary>Batch of the SmallAlexNetGap step (the 128).</summary>
    public required int StepBatch { get; init; }

    /// <summary>Batch of the big networks' steps (AlexNet at 227, GoogLeNet at 224).</summary>
    public required int LargeNetworkBatch { get; init; }

    public required int WarmupSteps { get; init; }

    /// <summary>Timed steps of SmallAlexNetGap (batch 128); enough for a median and a fast decile.</summary>
    public required int TimedSteps { get; init; }

    /// <summary>Timed steps of the big networks and of the per-architecture lines.</summary>
    public required int LargeNetworkSteps { get; init; }

    /// <summary>Training images per class for the end-to-end epoch; null = all (500 per class).</summary>
    public required int? EndToEndImagesPerClass { get; init; }

    /// <summary>Images per class for the memory run (6 short epochs).</summary>
    public required int MemoryImagesPerClass { get; init; }

    public required int MemoryEpochs { get; init; }

    public required int SgemmSize { get; init; }

    /// <summary>Validation images scored per pass by the scoring suite.</summary>
    public required int ScoringImages { get; init; }

    /// <summary>Heatmaps in the MaxBoxAccV2 evaluation timing (the figure is per 10,000).</summary>
    public required int SweepHeatmaps { get; init; }

    /// <summary>Heatmaps of the boxes suite (per-threshold extraction vs the sweep; the figure is per 10,000).</summary>
    public required int BoxHeatmaps { get; init; }

    /// <summary>Classes of the full-size generated dataset (the full Tiny ImageNet has 200).</summary>
    public required int FullDatasetClasses { get; init; }

    /// <summary>Training images per class of the full-size dataset (Tiny ImageNet: 500).</summary>
    public required int FullDatasetImagesPerClass { get; init; }

    /// <summary>Network width of the full-size epoch.</summary>
    public required double FullDatasetWidth { get; init; }

    /// <summary>ResNet18's internal image side for its training comparison.</summary>
    public required int ResNetSide { get; init; }

    /// <summary>Images per class (of the 10) in ResNet18's training comparison.</summary>
    public required int ResNetImagesPerClass { get; init; }

    /// <summary>ResNet18's batch in that comparison.</summary>
    public required int ResNetBatch { get; init; }

    /// <summary>In-memory images of the scoring comparison with PyTorch (a quarter of them for ResNet18).</summary>
    public int ScoringVersusImages { get; init; } = 256;

    /// <summary>The network that prices a 224 px training step.</summary>
    public GapArchitecture LargeArchitecture { get; init; } = GapArchitecture.AlexNetGap;

    public static BenchmarkSizes FullRun { get; } = new()
    {
        Width = 1.0,
        ArchitectureWidth = 1.0,
        RawHidingImages64 = 20_000,
        RawHidingImages224 = 2_000,
        ViewImages64 = 2_000,
        ViewImages224 = 300,
        Repeats = 7,
        StepBatch = 128,
        LargeNetworkBatch = 32,
        WarmupSteps = 2,
        TimedSteps = 9,
        LargeNetworkSteps = 3,
        EndToEndImagesPerClass = null,
        MemoryImagesPerClass = 150,
        MemoryEpochs = 6,
        SgemmSize = 2048,
        ScoringImages = 500,
        SweepHeatmaps = 10_000,
        BoxHeatmaps = 10_000,
        FullDatasetClasses = 200,
        FullDatasetImagesPerClass = 500,
        FullDatasetWidth = 1.0,
        ResNetSide = 224,
        ResNetImagesPerClass = 60,
        ResNetBatch = 32,
    };

    public static BenchmarkSizes QuickRun { get; } = new()
    {
        Width = 0.125,
        ArchitectureWidth = 0.0625,
        RawHidingImages64 = 500,
        RawHidingImages224 = 50,
        ViewImages64 = 100,
        ViewImages224 = 20,
        Repeats = 3,
        StepBatch = 16,
        LargeNetworkBatch = 2,
        WarmupSteps = 2,
        TimedSteps = 1,
        LargeNetworkSteps = 1,
        EndToEndImagesPerClass = 5,
        MemoryImagesPerClass = 3,
        MemoryEpochs = 6,
        SgemmSize = 256,
        ScoringImages = 20,
        SweepHeatmaps = 200,
        BoxHeatmaps = 50,
        FullDatasetClasses = 10,
        FullDatasetImagesPerClass = 30,
        FullDatasetWidth = 0.125,
        ResNetSide = 64,
        ResNetImagesPerClass = 3,
        ResNetBatch = 8,
        ScoringVersusImages = 64,
    };
}
