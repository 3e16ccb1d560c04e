using HideAndSeek.Networks;
using HideAndSeek.Torch;

namespace HideAndSeek.Cli.Workflow;

/// <summary>Everything the train command was asked to do (the seed's flags).</summary>
internal sealed record TrainSettings
{
    public required string Dataset { get; init; }

    public required string TrainDir { get; init; }

    public GapArchitecture Architecture { get; init; } = GapArchitecture.SmallAlexNetGap;

    /// <summary>Epochs of the seed's networks when none are given.</summary>
    public const int DefaultEpochs = 30;

    /// <summary>
    /// Epochs of ResNet18 when none are given: with its ImageNet features frozen the linear classifier converges in a
    /// few passes (docs/results.md, section 4).
    /// </summary>
    public const int DefaultResNetEpochs = 6;

    /// <summary>Batch of the seed's networks when none is given.</summary>
    public const int DefaultBatchSize = 128;

    /// <summary>Batch of ResNet18 when none is given (224 px photos: 128 would hold about 2.5 GB of activations).</summary>
    public const int DefaultResNetBatchSize = 32;

    public int MaxEpochs { get; init; } = DefaultEpochs;

    public int BatchSize { get; init; } = DefaultBatchSize;

    public double LearningRate { get; init; } = 0.01;

    public double MinLearningRate { get; init; } = 0.0001;

    /// <summary>The seed's --do_hide: numbers of patches (0 = no hiding); several values are drawn per image.</summary>
    public IReadOnlyList<int> DoHide { get; init; } = Array.Empty<int>();

    /// <summary>Patch sides in pixels instead of counts (our addition; the paper's mixed setting uses sides).</summary>
    public IReadOnlyList<int> HideSizes { get; init; } = Array.Empty<int>();

    public double HideProbability { get; init; } = 0.5;

    public bool WithoutResize { get; init; }

    /// <summary>The side photos are resized to before the network (null: 224 for ResNet18, 64 for the seed's networks).</summary>
    public int? ImageSize { get; init; }

    /// <summary>How photos are resized to <see cref="ImageSize"/> (stretch, crop or pad).</summary>
    public HideAndSeek.Photos.PhotoResizing Resize { get; init; } = HideAndSeek.Photos.PhotoResizing.Stretch;

    /// <summary>The side photos are resized to.</summary>
    public int EffectiveImageSize => ImageSize ?? (Architecture == GapArchitecture.ResNet18 ? 224 : 64);

    /// <summary>ResNet18: the side images are resized to inside the network (null: the image size when it suits the
    /// network, else 224).</summary>
    public int? InputSize { get; init; }

    /// <summary>ResNet18: last stage at stride 1 (14x14 CAM at 224).</summary>
    public bool HighResolutionCam { get; init; }

    /// <summary>Learning rate of the layers before the classifier relative to it (null: 0.1 for ResNet18, else 1).</summary>
    public double? BackboneLearningRateMultiplier { get; init; }

    public bool FreezeBatchNorm { get; init; }

    /// <summary>Train the classifier only (the command's default for ResNet18).</summary>
    public bool FreezeBackbone { get; init; }

    public int Augmentation { get; init; }

    public int ValidationCapacity { get; init; } = 1000;

    public int LogInterval { get; init; }

    public int Seed { get; init; } = 1;

    public TorchDevice Device { get; init; } = TorchDevice.Auto;

    /// <summary>The convolutions' arithmetic while training (bf16 mixed precision or float32).</summary>
    public HideAndSeek.GapClassifier.TrainingPrecision Precision { get; init; }

    public double WidthMultiplier { get; init; } = 1.0;

    public IReadOnlyList<string>? Classes { get; init; }

    public int? MaxImagesPerClass { get; init; }

    public int? Threads { get; init; }

    /// <summary>Minutes between mid-epoch checkpoints (0: only at epoch ends and when interrupted).</summary>
    public double CheckpointMinutes { get; init; } = 10;

    /// <summary>Leave out unreadable images (listed in train.log) instead of stopping at the first one.</summary>
    public bool SkipBadImages { get; init; }

    public bool Hides => DoHide.Any(n => n > 0) || HideSizes.Any(s => s > 0);

    public string HideDescription =>
        HideSizes.Count > 0 ? $"S={string.Join("/", HideSizes)}" : DoHide.Count > 0 ? $"N={string.Join("/", DoHide)}" : "none";
}
