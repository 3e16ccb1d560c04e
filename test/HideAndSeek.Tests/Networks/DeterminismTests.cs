using HideAndSeek.Networks;
using static HideAndSeek.Tests.Networks.NetworkTestSupport;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Networks;

[Collection(TorchProcessStateCollection.Name)]
public class DeterminismTests
{
    [Theory]
    [InlineData(GapArchitecture.SmallAlexNetGap)]
    [InlineData(GapArchitecture.CustomNetGap)]
    [InlineData(GapArchitecture.GoogLeNetGap)]
    internal void The_same_manual_seed_gives_identical_initial_weights(GapArchitecture architecture)
    {
        using var scope = NewDisposeScope();

        manual_seed(1234);
        using var a = Create(architecture, initSeed: null);
        manual_seed(1234);
        using var b = Create(architecture, initSeed: null);
        manual_seed(4321);
        using var c = Create(architecture, initSeed: null);

        Assert.True(SameState(CloneState(a), CloneState(b)));
        Assert.False(SameState(CloneState(a), CloneState(c)));
    }

    [Fact]
    public void An_init_seed_fixes_the_weights_whatever_the_global_generator_did()
    {
        using var scope = NewDisposeScope();

        manual_seed(1);
        using var a = Create(GapArchitecture.SmallAlexNetGap, initSeed: 99);
        manual_seed(2);
        using var b = Create(GapArchitecture.SmallAlexNetGap, initSeed: 99);
        using var c = Create(GapArchitecture.SmallAlexNetGap, initSeed: 100);

        Assert.True(SameState(CloneState(a), CloneState(b)));
        Assert.False(SameState(CloneState(a), CloneState(c)));
    }
}
