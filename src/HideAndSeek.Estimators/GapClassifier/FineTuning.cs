using HideAndSeek.Networks;
using HideAndSeek.Networks.Pretrained;
using TorchSharp.Modules;

namespace HideAndSeek.GapClassifier;

/// <summary>
/// What the trainer does differently for a network that starts from pretrained weights: where they come from, the
/// optimiser's parameter groups (backbone rate multiplier, frozen backbone), the BatchNorm mode during training and
/// the architecture-specific defaults.
/// </summary>
internal static class FineTuning
{
    /// <summary>Backbone learning-rate multiplier of a pretrained network when none is given.</summary>
    public const double PretrainedBackboneMultiplier = 0.1;

    /// <summary>Whether the architecture starts from imported weights.</summary>
    public static bool IsPretrained(GapArchitecture architecture) => GapNetworkFactory.IsPretrained(architecture);

    /// <summary><see cref="GapClassifierOptions.WeightDecay"/> or the architecture's default.</summary>
    public static double WeightDecay(GapClassifierOptions o) => o.WeightDecay ?? GapNetworkFactory.WeightDecay(o.Architecture);

    /// <summary><see cref="GapClassifierOptions.BackboneLearningRateMultiplier"/> or the architecture's default.</summary>
    public static double BackboneMultiplier(GapClassifierOptions o) =>
        o.BackboneLearningRateMultiplier ?? (IsPretrained(o.Architecture) ? PretrainedBackboneMultiplier : 1.0);

    /// <summary>
    /// Momentum SGD over the network with L2 on the weights the network regularises
    /// (<see cref="GapNetwork.WeightDecayParameters"/>), and each group's learning-rate multiplier.
    /// A network trained as one piece keeps the two groups it always had (weights, the rest), so its checkpoints stay
    /// resumable; otherwise the backbone's two groups run at the multiplier and the classifier is a third group at the
    /// full rate; a frozen backbone is left out of the optimiser (and stops computing gradients).
    /// </summary>
    public static (MomentumSgd Optimizer, double[] Multipliers) CreateOptimizer(GapNetwork network, GapClassifierOptions o)
    {
        double decay = WeightDecay(o), lr = o.LearningRate, momentum = o.Momentum;
        var named = network.named_parameters().ToList();
        var head = named.Where(p => IsClassifier(p.name)).Select(p => p.parameter).ToList();
        var backbone = named.Where(p => !IsClassifier(p.name)).Select(p => p.parameter).ToList();
        double multiplier = BackboneMultiplier(o);
        var withDecay = network.WeightDecayParameters().ToHashSet(ReferenceEqualityComparer.Instance);
        bool Decayed(Parameter p) => withDecay.Contains(p);

        MomentumSgd.ParameterGroup Group(IEnumerable<Parameter> parameters, double rate, double weightDecay) =>
            new(parameters, rate, momentum, weightDecay);

        if (o.FreezeBackbone)
        {
            foreach (var p in backbone)
                p.requires_grad = false;
            return (new MomentumSgd(new[] { Group(head, lr, decay) }), new[] { 1.0 });
        }
        if (multiplier == 1.0)
        {
            var all = backbone.Concat(head).ToList();
            var groups = new[] { Group(all.Where(Decayed), lr, decay), Group(all.Where(p => !Decayed(p)), lr, 0) };
            return (new MomentumSgd(groups), new[] { 1.0, 1.0 });
        }
        var split = new[]
        {
            Group(backbone.Where(Decayed), lr * multiplier, decay),
            Group(backbone.Where(p => !Decayed(p)), lr * multiplier, 0),
            Group(head, lr, decay),
        };
        return (new MomentumSgd(split), new[] { multiplier, multiplier, 1.0 });
    }

    /// <summary>Sets each group's rate to the schedule's <paramref name="lr"/> times its multiplier.</summary>
    public static void SetLearningRate(MomentumSgd optimizer, IReadOnlyList<double> multipliers, double lr)
    {
        int i = 0;
        foreach (var group in optimizer.Groups)
            group.LearningRate = lr * multipliers[i++];
    }

    /// <summary>
    /// Training mode, except that BatchNorm layers stay in evaluation mode (running statistics used, not updated)
    /// with <see cref="GapClassifierOptions.FreezeBatchNorm"/>, and the whole backbone with
    /// <see cref="GapClassifierOptions.FreezeBackbone"/>.
    /// </summary>
    public static void SetTrainingMode(GapNetwork network, GapClassifierOptions o)
    {
        network.train();
        if (o.FreezeBackbone)
            network.Trunk.eval();
        if (o.FreezeBatchNorm || o.FreezeBackbone)
        {
            foreach (var module in network.modules())
            {
                if (module is BatchNorm2dLayer bn)
                    bn.eval();
            }
        }
    }

    /// <summary>
    /// Loads the architecture's pretrained weights into a newly created network; returns where they came from, or null
    /// for an architecture trained from scratch.
    /// </summary>
    public static string? ImportPretrained(GapNetwork network, GapClassifierOptions o)
    {
        if (network is not ResNet18Gap resnet)
            return null;
        ResNet18Import.Apply(resnet, o.PretrainedModelDirectory);
        return $"ImageNet weights of {DnnImageModels.ResNet18Package} in {o.PretrainedModelDirectory ?? DnnImageModels.DefaultDirectory}";
    }

    private static bool IsClassifier(string name) => name.StartsWith("classifier.", StringComparison.Ordinal);
}
