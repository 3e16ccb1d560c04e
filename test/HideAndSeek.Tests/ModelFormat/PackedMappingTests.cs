using HideAndSeek.ModelFormat;

namespace HideAndSeek.Tests.ModelFormat;

/// <summary>The generated mapping tiers are the contract names saved zips refer to.</summary>
public class PackedMappingTests
{
    private static readonly int[] Sizes = Enumerable.Range(5, 18).Select(e => 1 << e).ToArray(); // 32 ... 4,194,304

    [Theory]
    [InlineData("HideAndSeek.GapClassifier.v1")]
    [InlineData("HideAndSeek.CamLocalizer.v1")]
    public void Every_family_has_one_mapping_per_size_from_32_to_4194304_floats(string family)
    {
        Assert.Equal(Sizes, PackedMappingCatalog.Tiers[family]);
        foreach (int size in Sizes)
        {
            var factory = PackedMappingCatalog.Create(family, size);
            Assert.Equal(size, factory.Tier);
            Assert.Equal($"{family}.T{size}", PackedMappingCatalog.ContractNameOf(factory.GetType()));
        }
    }

    [Fact]
    public void The_smallest_size_that_holds_the_outputs_is_chosen_and_too_many_outputs_are_refused()
    {
        Assert.Equal(32, PackedMappingCatalog.Create("HideAndSeek.GapClassifier.v1", 1).Tier);
        Assert.Equal(64, PackedMappingCatalog.Create("HideAndSeek.GapClassifier.v1", 33).Tier);
        Assert.Throws<NotSupportedException>(() => PackedMappingCatalog.Create("HideAndSeek.CamLocalizer.v1", (1 << 22) + 1));
    }

    [Fact]
    public void Only_the_two_model_families_are_defined() =>
        Assert.Equal(new[] { "HideAndSeek.CamLocalizer.v1", "HideAndSeek.GapClassifier.v1" }, PackedMappingCatalog.Tiers.Keys.Order());
}
