using HideAndSeek.Networks;

namespace HideAndSeek.Cli.Workflow;

/// <summary>
/// The seed project's --method names (AlexnetGAP, SmallAlexnetGAP, ...) and ours, case-insensitive; ResNet18 (ML.NET's
/// ImageNet network) is named as ML.NET names it.
/// </summary>
internal static class SeedMethods
{
    private static readonly (string Seed, GapArchitecture Architecture)[] Names =
    {
        ("SmallAlexnetGAP", GapArchitecture.SmallAlexNetGap),
        ("AlexnetGAP", GapArchitecture.AlexNetGap),
        ("AlexnetGMP", GapArchitecture.AlexNetGmp),
        ("DropAlexnetGAP", GapArchitecture.DropAlexNetGap),
        ("Drop2AlexnetGAP", GapArchitecture.Drop2AlexNetGap),
        ("GooglenetGAP", GapArchitecture.GoogLeNetGap),
        ("CustomnetGAP", GapArchitecture.CustomNetGap),
        ("SmallAlexnetGAP16", GapArchitecture.SmallAlexNetGap16), // ours: SmallAlexnetGAP with a 16x16 CAM
        ("ResNet18", GapArchitecture.ResNet18),
    };

    public static IEnumerable<string> SeedNames => Names.Select(n => n.Seed);

    public static GapArchitecture Parse(string method)
    {
        foreach (var (seed, architecture) in Names)
        {
            if (string.Equals(method, seed, StringComparison.OrdinalIgnoreCase)
                || string.Equals(method, architecture.ToString(), StringComparison.OrdinalIgnoreCase))
                return architecture;
        }
        throw new UserError($"unknown method '{method}'; expected one of {string.Join(", ", SeedNames)}");
    }

    public static string SeedName(GapArchitecture architecture) => Names.First(n => n.Architecture == architecture).Seed;
}
