using HideAndSeek.Networks;
using Xunit.Abstractions;
using static HideAndSeek.Tests.Networks.NetworkTestSupport;

namespace HideAndSeek.Tests.Networks;

/// <summary>Trainable parameters at the seed's width with 10 classes. BatchNorm running statistics are buffers, not parameters.</summary>
public class ParameterCountTests(ITestOutputHelper output)
{
    [Fact]
    public void Parameter_counts_of_every_architecture_at_full_width()
    {
        foreach (var architecture in Enum.GetValues<GapArchitecture>())
        {
            using var net = Create(architecture, width: 1.0, classes: 10);
            long count = ParameterCount(net);
            output.WriteLine($"{architecture,-16} {count,12:N0} parameters, F channels {net.FeatureChannels}");
            Assert.True(count > 0);
        }
    }

    [Fact]
    public void SmallAlexNetGap_has_the_hand_computed_parameter_count()
    {
        // Each conv block: weights k*k*cin*cout + bias cout + BatchNorm scale and shift 2*cout.
        long expected =
            (5 * 5 * 3 * 96 + 96 + 2 * 96)             // conv1 5x5/2, 3 -> 96
            + (3 * 3 * 96 * 256 + 256 + 2 * 256)       // conv2 3x3, 96 -> 256
            + (3 * 3 * 256 * 384 + 384 + 2 * 384)      // conv3 3x3, 256 -> 384
            + (3 * 3 * 384 * 384 + 384 + 2 * 384)      // conv4 3x3, 384 -> 384
            + (3 * 3 * 384 * 256 + 256 + 2 * 256)      // conv5 3x3, 384 -> 256
            + (3 * 3 * 256 * 512 + 512 + 2 * 512)      // conv6 3x3, 256 -> 512 (F)
            + 10 * 512;                                // classifier K*C, no bias

        using var net = Create(GapArchitecture.SmallAlexNetGap, width: 1.0, classes: 10);

        Assert.Equal(4_515_392, expected);
        Assert.Equal(expected, ParameterCount(net));
    }

    [Fact]
    public void CustomNetGap_has_the_hand_computed_parameter_count()
    {
        // Each conv block: weights k*k*cin*cout + bias cout + BatchNorm 2*cout. A fire module is a 1x1 squeeze
        // block and two expand blocks (1x1 and 3x3) whose input is the squeeze output.
        static long Block(int k, int cin, int cout) => k * k * cin * cout + cout + 2 * cout;
        static long Fire(int cin, int squeeze, int expand) => Block(1, cin, squeeze) + Block(1, squeeze, expand) + Block(3, squeeze, expand);
        long expected =
            Block(3, 3, 96)            // conv1 3x3, 3 -> 96
            + Fire(96, 16, 64)         // fire2 -> 128
            + Fire(128, 32, 96)        // fire3 -> 192
            + Fire(192, 32, 128)       // fire4 -> 256
            + Fire(256, 48, 160)       // fire5 -> 320
            + Fire(320, 48, 160)       // fire6 -> 320
            + Fire(320, 64, 256)       // fire7 -> 512
            + Block(3, 512, 512)       // conv6 3x3, 512 -> 512 (F)
            + 10 * 512;                // classifier K*C, no bias

        using var net = Create(GapArchitecture.CustomNetGap, width: 1.0, classes: 10);

        Assert.Equal(2_834_000, expected);
        Assert.Equal(expected, ParameterCount(net));
    }

    [Fact]
    public void SmallAlexNetGap16_has_the_parameters_of_SmallAlexNetGap()
    {
        using var coarse = Create(GapArchitecture.SmallAlexNetGap, width: 1.0, classes: 10);
        using var fine = Create(GapArchitecture.SmallAlexNetGap16, width: 1.0, classes: 10);
        Assert.Equal(ParameterCount(coarse), ParameterCount(fine));
        Assert.Equal(coarse.state_dict().Keys.Order(), fine.state_dict().Keys.Order());
    }

    [Fact]
    public void The_width_multiplier_scales_channels_and_keeps_at_least_one()
    {
        var options = new GapNetworkOptions { NumClasses = 2, WidthMultiplier = 0.01 };
        Assert.Equal(1, options.Channels(16));
        Assert.Equal(5, options.Channels(512));
        Assert.Equal(64, (options with { WidthMultiplier = 0.125 }).Channels(512));
        Assert.Equal(2, (options with { WidthMultiplier = 0.125 }).Channels(12)); // 1.5 rounds away from zero
    }
}
