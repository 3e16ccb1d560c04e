using Microsoft.ML;

namespace HideAndSeek.Cli.Workflow;

/// <summary>The seed's --do_augmentation 1 and 2.</summary>
internal static class Augmentations
{
    public static IEstimator<ITransformer> Create(MLContext ml, int preset, int seed) =>
        throw new UserError($"--do-augmentation {preset} is not available in this build");
}
