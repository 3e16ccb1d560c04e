using HideAndSeek.GapClassifier;
using HideAndSeek.Networks;
using HideAndSeek.Torch;
using static HideAndSeek.Tests.Networks.NetworkTestSupport;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.GapClassifier;

/// <summary>The trainer's fine-tuning knobs on narrow networks, without training: parameter groups, BatchNorm mode, defaults.</summary>
public class FineTuningTests
{
    [Fact]
    public void A_network_trained_from_scratch_keeps_its_two_groups_at_the_full_rate()
    {
        using var net = Create(GapArchitecture.SmallAlexNetGap);
        var (optimizer, multipliers) = FineTuning.CreateOptimizer(net, new GapClassifierOptions());
        using (optimizer)
        {
            Assert.Equal(new[] { 1.0, 1.0 }, multipliers);
            var groups = optimizer.Groups;
            Assert.Equal(0.001, groups[0].WeightDecay);
            Assert.Equal(0, groups[1].WeightDecay);
            Assert.Equal(ParameterCount(net), groups.Sum(g => g.Parameters.Sum(p => p.numel())));
        }
    }

    [Fact]
    public void ResNet18s_backbone_trains_at_a_tenth_of_the_rate_and_its_new_classifier_at_the_full_rate()
    {
        using var net = Create(GapArchitecture.ResNet18);
        var options = new GapClassifierOptions { Architecture = GapArchitecture.ResNet18 };
        var (optimizer, multipliers) = FineTuning.CreateOptimizer(net, options);
        using (optimizer)
        {
            FineTuning.SetLearningRate(optimizer, multipliers, 0.02);
            var groups = optimizer.Groups;
            Assert.Equal(new[] { 0.002, 0.002, 0.02 }, groups.Select(g => Math.Round(g.LearningRate, 10)));
            Assert.Equal(new[] { 1e-4, 0, 1e-4 }, groups.Select(g => g.WeightDecay));
            Assert.Same(net.Classifier.weight, groups[2].Parameters.Single());
            Assert.Equal(ParameterCount(net), groups.Sum(g => g.Parameters.Sum(p => p.numel())));
        }
    }

    [Fact]
    public void A_frozen_backbone_leaves_only_the_classifier_to_the_optimiser_and_computes_no_backbone_gradients()
    {
        using var net = Create(GapArchitecture.ResNet18);
        var options = new GapClassifierOptions { Architecture = GapArchitecture.ResNet18, FreezeBackbone = true };
        var (optimizer, multipliers) = FineTuning.CreateOptimizer(net, options);
        using (optimizer)
        {
            Assert.Equal(new[] { 1.0 }, multipliers);
            Assert.Same(net.Classifier.weight, optimizer.Groups.Single().Parameters.Single());
            Assert.All(net.Trunk.parameters(), p => Assert.False(p.requires_grad));
            FineTuning.SetTrainingMode(net, options);
            Assert.False(net.Trunk.training);
            Assert.True(net.training);
        }
    }

    [Fact]
    public void Frozen_batchnorm_normalises_with_the_running_statistics_and_never_updates_them()
    {
        using var scope = NewDisposeScope();
        using var net = Create(GapArchitecture.ResNet18);
        var options = new GapClassifierOptions { Architecture = GapArchitecture.ResNet18, FreezeBatchNorm = true };
        var before = CloneState(net);

        FineTuning.SetTrainingMode(net, options);
        var logits = net.forward(Pixels(2, 64, 64));
        logits.sum().backward();

        Assert.True(net.training);
        Assert.All(net.modules().OfType<BatchNorm2dLayer>(), bn => Assert.False(bn.training));
        Assert.True(SameState(before, CloneState(net)), "a running statistic changed");
        Assert.NotNull(net.Trunk.parameters().First().grad); // the backbone still learns
    }

    [Theory]
    [InlineData(GapArchitecture.ResNet18, 1e-4, 0.1)]
    [InlineData(GapArchitecture.GoogLeNetGap, 0, 1.0)]
    [InlineData(GapArchitecture.SmallAlexNetGap, 0.001, 1.0)]
    internal void Defaults_depend_on_whether_the_network_starts_from_pretrained_weights(GapArchitecture architecture, double decay, double multiplier)
    {
        var options = new GapClassifierOptions { Architecture = architecture };
        Assert.Equal(decay, FineTuning.WeightDecay(options));
        Assert.Equal(multiplier, FineTuning.BackboneMultiplier(options));
        options.WeightDecay = 0.5;
        options.BackboneLearningRateMultiplier = 0.25;
        Assert.Equal(0.5, FineTuning.WeightDecay(options));
        Assert.Equal(0.25, FineTuning.BackboneMultiplier(options));
    }

    private static GapNetwork Create(GapArchitecture architecture)
    {
        TorchRuntime.Initialize(TorchDevice.Cpu);
        return GapNetworkFactory.Create(architecture, new GapNetworkOptions
        {
            NumClasses = 3,
            WidthMultiplier = NarrowWidth,
            ResizedSide = architecture == GapArchitecture.ResNet18 ? 64 : null,
            InitSeed = 2,
        });
    }
}
