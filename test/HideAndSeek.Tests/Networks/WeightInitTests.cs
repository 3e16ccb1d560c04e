using HideAndSeek.Networks;
using static HideAndSeek.Tests.Networks.NetworkTestSupport;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Networks;

public class WeightInitTests
{
    [Fact]
    public void Initial_weights_are_xavier_uniform_with_zero_biases_and_unit_batchnorm()
    {
        using var scope = NewDisposeScope();
        using var net = Create(GapArchitecture.SmallAlexNetGap, width: 1.0, classes: 10);
        var state = net.state_dict();

        // conv3: [384, 256, 3, 3]; fans 256*9 and 384*9.
        var w = state["trunk.conv3.conv.weight"];
        double bound = Math.Sqrt(6.0 / (256 * 9 + 384 * 9));
        Assert.True(w.abs().max().item<float>() <= bound);
        // A uniform on [-a, a] has standard deviation a / sqrt(3).
        Assert.InRange(w.std().item<float>(), 0.97 * bound / Math.Sqrt(3), 1.03 * bound / Math.Sqrt(3));
        Assert.True(state["trunk.conv3.conv.bias"].eq(0f).all().item<bool>());
        Assert.True(state["trunk.conv3.bn.weight"].eq(1f).all().item<bool>());
        Assert.True(state["trunk.conv3.bn.bias"].eq(0f).all().item<bool>());

        var fc = state["classifier.weight"]; // [10, 512]
        Assert.True(fc.abs().max().item<float>() <= Math.Sqrt(6.0 / (512 + 10)));
    }

    [Fact]
    public void State_keys_are_readable_and_the_classifier_has_no_bias()
    {
        using var small = Create(GapArchitecture.SmallAlexNetGap);
        var keys = small.state_dict().Keys.ToHashSet();
        Assert.Contains("mean", keys);
        Assert.Contains("trunk.conv1.conv.weight", keys);
        Assert.Contains("trunk.conv6.bn.running_var", keys);
        Assert.Contains("classifier.weight", keys);
        Assert.DoesNotContain("classifier.bias", keys);
    }

    [Fact]
    public void Fire_expand_convolutions_read_the_squeeze_output()
    {
        using var net = Create(GapArchitecture.CustomNetGap, width: 1.0);
        var state = net.state_dict();
        Assert.Equal(new long[] { 16, 96, 1, 1 }, state["trunk.fire2.squeeze.conv.weight"].shape);
        Assert.Equal(new long[] { 64, 16, 1, 1 }, state["trunk.fire2.expand1x1.conv.weight"].shape);
        Assert.Equal(new long[] { 64, 16, 3, 3 }, state["trunk.fire2.expand3x3.conv.weight"].shape);
        Assert.Equal(new long[] { 32, 128, 1, 1 }, state["trunk.fire3.squeeze.conv.weight"].shape);
        Assert.Equal(new long[] { 96, 32, 3, 3 }, state["trunk.fire3.expand3x3.conv.weight"].shape);
        Assert.Equal(new long[] { 512, 512, 3, 3 }, state["trunk.conv6.conv.weight"].shape);
    }

    [Fact]
    public void Inception_branches_have_GoogLeNet_widths()
    {
        using var net = Create(GapArchitecture.GoogLeNetGap, width: 1.0);
        var state = net.state_dict();
        Assert.Equal(new long[] { 32, 16, 5, 5 }, state["trunk.inception3a.branch5x5.conv.weight"].shape);
        Assert.Equal(new long[] { 128, 528, 1, 1 }, state["trunk.inception4e.branch_pool_proj.conv.weight"].shape);
        Assert.Equal(new long[] { 1024, 832, 3, 3 }, state["trunk.conv5.conv.weight"].shape);
    }
}
