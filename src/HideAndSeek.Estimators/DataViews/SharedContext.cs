using Microsoft.ML;

namespace HideAndSeek.DataViews;

/// <summary>
/// The MLContext our components use to build the ML.NET transformers they delegate to. ML.NET's catalogs do not
/// expose the user's context to third-party extensions, and nothing built here depends on the context's seed.
/// </summary>
internal static class SharedContext
{
    public static MLContext Instance { get; } = new(seed: 0);
}
