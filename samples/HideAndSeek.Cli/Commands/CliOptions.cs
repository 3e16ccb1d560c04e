using HideAndSeek.Torch;
using System.CommandLine;

namespace HideAndSeek.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CliOptions
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print stack traces for errors.",
        Recursive = true,
    };

    public static Option<int> Seed() => new("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };

    public static Option<TorchDevice> Device() => new("--device")
    {
        Description = "auto (CUDA when available), cpu or cuda.",
        DefaultValueFactory = _ => TorchDevice.Auto,
    };

    public static Option<string> Precision() => new("--precision")
    {
        Description = "Training arithmetic: fp32, or bf16 mixed precision (float32 weights, bfloat16 convolutions; needs a CPU with AVX512-BF16 or AMX, or a CUDA GPU). The model scores in float32 either way.",
        DefaultValueFactory = _ => "fp32",
    };

    public static HideAndSeek.GapClassifier.TrainingPrecision ParsePrecision(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "fp32" or "float32" => HideAndSeek.GapClassifier.TrainingPrecision.Float32,
        "bf16" or "bfloat16" => HideAndSeek.GapClassifier.TrainingPrecision.BFloat16,
        _ => throw new HideAndSeek.Cli.Workflow.UserError($"--precision takes fp32 or bf16, got '{name}'"),
    };

    public static Argument<string> Dataset(string description = DatasetDescription) =>
        new("dataset") { Description = description };

    /// <summary>What a dataset path may hold (see DatasetLoader.Detect).</summary>
    public const string DatasetDescription =
        "Dataset: a Tiny ImageNet root (wnids.txt, train/, val/), a CSV/TSV manifest (image,label,xmin,ymin,xmax,ymax[,split]: " +
        "split train for training, test for evaluation) or a folder holding one, a folder of VOC *.xml boxes, " +
        "or a folder with one subfolder of images per class (training only).";

    public static Option<bool> SkipBadImages() => new("--skip-bad-images")
    {
        Description = "Leave out empty, truncated or non-image files (counted and listed) instead of stopping at the first one.",
    };

    public static Option<string[]> Classes() => new("--classes")
    {
        Description = "Use only these class ids (wnids, or the dataset's labels), in the dataset's order.",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<string> Resize()
    {
        var option = new Option<string>("--resize")
        {
            Description = "How photos become the network's square: stretch (both axes scaled), crop (aspect kept, centre cut) or pad (aspect kept, black bars).",
            DefaultValueFactory = _ => "stretch",
        };
        option.AcceptOnlyFromAmong("stretch", "crop", "pad");
        return option;
    }

    public static HideAndSeek.Photos.PhotoResizing ParseResize(string? name) => name switch
    {
        "crop" => HideAndSeek.Photos.PhotoResizing.Crop,
        "pad" => HideAndSeek.Photos.PhotoResizing.Pad,
        _ => HideAndSeek.Photos.PhotoResizing.Stretch,
    };
}
