using HideAndSeek.Augmentation;
using Microsoft.ML;

namespace HideAndSeek.Cli.Workflow;

/// <summary>The seed's --do_augmentation 1 and 2.</summary>
internal static class Augmentations
{
    public static IEstimator<ITransformer> Create(MLContext ml, int preset, int seed) => preset switch
    {
        1 => ml.Transforms.AugmentImages(AugmentationPreset.Seed1, seed: seed),
        2 => ml.Transforms.AugmentImages(AugmentationPreset.Seed2, seed: seed),
        _ => throw new UserError($"--do-augmentation must be 0, 1 or 2, got {preset}"),
    };
}
