using HideAndSeek.Networks;
using static HideAndSeek.Tests.Networks.NetworkTestSupport;

namespace HideAndSeek.Tests.Networks;

public class WeightDecayTests
{
    [Fact]
    public void CustomNetGap_regularises_only_the_classifier_weights()
    {
        using var net = Create(GapArchitecture.CustomNetGap);
        var decayed = net.WeightDecayParameters().ToList();

        var only = Assert.Single(decayed);
        Assert.Same(net.Classifier.weight, only);
        // The very object the optimiser receives from parameters(), so the trainer's reference lookup finds it.
        Assert.Contains(net.parameters(), p => ReferenceEquals(p, only));
    }

    [Theory]
    [InlineData(GapArchitecture.SmallAlexNetGap)]
    [InlineData(GapArchitecture.SmallAlexNetGap16)]
    [InlineData(GapArchitecture.AlexNetGap)]
    [InlineData(GapArchitecture.GoogLeNetGap)]
    internal void Other_architectures_regularise_every_weight_but_no_bias_or_batch_norm(GapArchitecture architecture)
    {
        using var net = Create(architecture);
        var names = net.named_parameters().ToDictionary<(string name, TorchSharp.Modules.Parameter parameter), object, string>(p => p.parameter, p => p.name, ReferenceEqualityComparer.Instance);
        var decayed = net.WeightDecayParameters().Select(p => names[p]).ToList();

        Assert.Contains("classifier.weight", decayed);
        Assert.Contains("trunk.conv1.conv.weight", decayed);
        Assert.All(decayed, n => Assert.True(n == "classifier.weight" || n.EndsWith(".conv.weight", StringComparison.Ordinal), n));
        Assert.Equal(net.named_parameters().Count(p => p.name.EndsWith(".conv.weight", StringComparison.Ordinal) || p.name == "classifier.weight"), decayed.Count);
    }
}
