using HideAndSeek.Networks;

namespace HideAndSeek.Cli.Workflow;

/// <summary>
/// The seed project's --method names (AlexnetGAP, SmallAlexnetGAP, ...) and ours, case-insensitive; ResNet18 (ML.NET's
/// ImageNet network) is named as ML.NET names it. An architecture without a seed name here (a network added later) is
/// named by its <see cref="GapArchitecture"/> member, so adding a network needs no change in the CLI.
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

    /// <summary>Every architecture's --method name: the seed's where it has one, in the table's order, then the rest.</summary>
    public static IEnumerable<string> SeedNames => Names.Select(n => n.Seed)
        .Concat(Enum.GetValues<GapArchitecture>().Where(a => Names.All(n => n.Architecture != a)).Select(a => a.ToString()));

    public static GapArchitecture Parse(string method)
    {
        foreach (var architecture in Enum.GetValues<GapArchitecture>())
        {
            if (string.Equals(method, SeedName(architecture), StringComparison.OrdinalIgnoreCase)
                || string.Equals(method, architecture.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return architecture;
            }
        }
        throw new UserError($"unknown method '{method}'; expected one of {string.Join(", ", SeedNames)}");
    }

    public static string SeedName(GapArchitecture architecture) =>
        Names.Where(n => n.Architecture == architecture).Select(n => n.Seed).FirstOrDefault() ?? architecture.ToString();
}
