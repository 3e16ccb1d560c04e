using HideAndSeek.Cli.Workflow;
using HideAndSeek.Networks;

namespace HideAndSeek.Tests.Cli;

/// <summary>Every architecture can be picked with --method, by the seed's name or by its own, with no CLI change.</summary>
public class SeedMethodsTests
{
    [Fact]
    public void Every_architecture_has_a_method_name_that_parses_back()
    {
        var names = SeedMethods.SeedNames.ToList();
        Assert.Equal(Enum.GetValues<GapArchitecture>().Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var architecture in Enum.GetValues<GapArchitecture>())
        {
            Assert.Contains(SeedMethods.SeedName(architecture), names);
            Assert.Equal(architecture, SeedMethods.Parse(SeedMethods.SeedName(architecture)));
            Assert.Equal(architecture, SeedMethods.Parse(architecture.ToString().ToUpperInvariant()));
        }
        Assert.Equal("AlexnetGAP", SeedMethods.SeedName(GapArchitecture.AlexNetGap));
        Assert.Throws<UserError>(() => SeedMethods.Parse("8"));
    }
}
