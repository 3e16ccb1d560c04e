
using HideAndSeek.Boxes;

namespace HideAndSeek.Cli.Workflow;

/// <summary>The CLI's names of the box modes (<c>test --box-mode</c>, the <c>box_mode</c> line of result files).</summary>
internal static class BoxModeNames
{
    public static readonly IReadOnlyDictionary<string, BoxMode> ByName = new Dictionary<string, BoxMode>
    {
        ["all-foreground"] = BoxMode.AllForeground,
        ["largest-component"] = BoxMode.LargestComponent,
        ["all-contours"] = BoxMode.AllContours,
    };

    /// <summary>The name of <paramref name="mode"/>.</summary>
    public static string Of(BoxMode mode) => ByName.First(p => p.Value == mode).Key;
}
