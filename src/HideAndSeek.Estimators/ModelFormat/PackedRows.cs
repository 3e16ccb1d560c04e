namespace HideAndSeek.ModelFormat;

/// <summary>
/// The packed output rows of the model mappings, Row32 to Row4194304, written by HideAndSeek.Generators. A custom
/// mapping's output vector size is fixed by an attribute on its row type, while our outputs (class scores, feature
/// maps, heatmaps) vary in size per model: a model writes into the smallest row that fits, and the surrogate chain
/// cuts the exact slices out with ML.NET's count-based slot selection.
/// </summary>
[PackedRowTiers(5, 22)]
internal static partial class PackedRows
{
}
