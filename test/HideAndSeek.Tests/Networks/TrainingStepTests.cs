using HideAndSeek.GapClassifier;
using HideAndSeek.Networks;
using static HideAndSeek.Tests.Networks.NetworkTestSupport;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Networks;

public class TrainingStepTests
{
    [Fact]
    public void One_SGD_step_on_SmallAlexNetGap_gives_every_parameter_a_gradient_and_moves_the_weights()
    {
        using var scope = NewDisposeScope();
        using var net = Create(GapArchitecture.SmallAlexNetGap, classes: 4);
        net.train();
        var before = CloneState(net);
        var x = Pixels(4, 64, 64);
        var labels = tensor(new long[] { 0, 1, 2, 3 });
        using var optimizer = new MomentumSgd(new[] { new MomentumSgd.ParameterGroup(net.parameters(), 0.1, 0.9, 0) });

        optimizer.ZeroGrad();
        var loss = nn.functional.cross_entropy(net.forward(x), labels);
        loss.backward();
        optimizer.Step();

        Assert.True(float.IsFinite(loss.item<float>()));
        foreach (var (name, p) in net.named_parameters())
        {
            Assert.True(p.grad is not null, $"{name} has no gradient");
            Assert.True(p.grad!.isfinite().all().item<bool>(), $"{name} has a non-finite gradient");
        }
        var after = net.state_dict();
        Assert.False(Same(after["trunk.conv1.conv.weight"], before["trunk.conv1.conv.weight"]));
        Assert.False(Same(after["trunk.conv6.bn.weight"], before["trunk.conv6.bn.weight"]));
        Assert.False(Same(after["classifier.weight"], before["classifier.weight"]));
        // Training mode updates the BatchNorm running statistics; the mean pixel is a constant buffer.
        Assert.False(Same(after["trunk.conv3.bn.running_mean"], before["trunk.conv3.bn.running_mean"]));
        Assert.True(Same(after["mean"], before["mean"]));
    }
}
