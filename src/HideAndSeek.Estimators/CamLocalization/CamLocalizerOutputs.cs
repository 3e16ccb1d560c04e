using HideAndSeek.ModelFormat;

namespace HideAndSeek.CamLocalization;

/// <summary>
/// The columns the localiser adds, in output order: the one list its packed layout, saved chain, output schemas and
/// in-process view are derived from. Adding a column: declare it here (last), name it (and switch it on) in
/// <see cref="CamLocalizerOptions"/>, fill its slice in <see cref="CamLocalizerRuntime.Map"/>. Roles are the saved
/// chains' column names ("__HaS_Out_{role}") and never change.
/// </summary>
internal static class CamLocalizerOutputs
{
    public const string Heatmap = "Heatmap";
    public const string Box = "Box";
    public const string CamClass = "CamClass";
    public const string PhotoBox = "PhotoBox";
    public const string GroundTruthHeatmap = "GroundTruthHeatmap";
    public const string TopKHeatmaps = "TopKHeatmaps";
    public const string Score = "Score";
    public const string PredictedLabel = "PredictedLabel";

    /// <summary>Text slots of the class keys: what <see cref="CamLocalizerRuntime.Map"/> returns first and second.</summary>
    private const int CamClassSlot = 0, PredictedSlot = 1;

    public static readonly OutputDeclaration<LocalizerDescription, CamLocalizerOptions> Columns =
        new OutputDeclaration<LocalizerDescription, CamLocalizerOptions>(ChainStageOrder.Declared)
            .Packed(Heatmap, o => o.HeatmapColumnName, Plane)
            .Packed(Box, o => o.BoxColumnName, _ => 4)
            .ClassKey(CamClass, o => o.CamClassColumnName, CamClassSlot)
            // The box in the photo's pixels, when the input has the photo's geometry (a chain saved before photo boxes
            // existed has none; the view then serves the chain's columns only).
            .Derived(PhotoBox, o => o.PhotoBoxColumnName, 4, source: Box, input: o => o.PhotoGeometryColumnName,
                compute: d => (box, geometry, photoBox) => PhotoBoxMapping.Map(box, geometry, d.ImageWidth, d.ImageHeight).ToFloats(photoBox),
                appendStages: PhotoBoxMapping.AppendStages)
            .Packed(GroundTruthHeatmap, o => o.GroundTruthHeatmapColumnName, Plane, when: (d, _) => d.GroundTruthHeatmap)
            .Packed(TopKHeatmaps, o => o.TopKHeatmapsColumnName, d => d.TopK * Plane(d), when: (d, _) => d.TopK > 1)
            .Packed(Score, o => o.MultiCropScoreColumnName, d => d.ClassNames.Length, when: (d, _) => d.MultiCrop)
            .ClassKey(PredictedLabel, o => o.MultiCropPredictedLabelColumnName, PredictedSlot, when: (d, _) => d.MultiCrop);

    private static int Plane(LocalizerDescription d) => d.ImageHeight * d.ImageWidth;
}
