using HideAndSeek.ModelFormat;

namespace HideAndSeek.GapClassifier;

/// <summary>
/// The columns the classifier adds, in output order: the one list its packed layout, saved chain, output schema and
/// batched view are derived from. Roles are the saved chains' column names ("__HaS_Out_{role}") and never change.
/// </summary>
internal static class GapClassifierOutputs
{
    public const string Score = "Score";
    public const string PredictedLabel = "PredictedLabel";
    public const string FeatureMap = "FeatureMap";

    /// <summary>
    /// Packed as [probabilities (K) | F (C x h x w)]; the chain cuts both slices before the key, as the first format did.
    /// </summary>
    public static readonly OutputDeclaration<GapClassifierRuntime, GapClassifierTransformer.ColumnNames> Columns =
        new OutputDeclaration<GapClassifierRuntime, GapClassifierTransformer.ColumnNames>(ChainStageOrder.PackedFirst)
            .Packed(Score, c => c.Score, r => r.NumClasses)
            .ClassKey(PredictedLabel, c => c.PredictedLabel, textSlot: 0)
            .Packed(FeatureMap, c => c.FeatureMap, r => r.FeatureLength);

    /// <summary>The packed layout of <paramref name="runtime"/> (every column is always written, whatever the names).</summary>
    public static PackedLayout Pack(GapClassifierRuntime runtime) => Columns.Pack(runtime, options: null!);
}
