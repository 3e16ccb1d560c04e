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
        long expected =
            (7 * 7 * 3 * 96 + 96 + 2 * 96)                                          // conv1 7x7/2, 3 -> 96
            + (1 * 1 * 96 * 16 + 16 + 2 * 16)                                       // fire2 squeeze 96 -> 16
            + (1 * 1 * 16 * 64 + 64 + 2 * 64) + (3 * 3 * 16 * 64 + 64 + 2 * 64)     // fire2 expand 16 -> 64 + 64
            + (1 * 1 * 128 * 16 + 16 + 2 * 16)                                      // fire3 squeeze 128 -> 16
            + (1 * 1 * 16 * 64 + 64 + 2 * 64) + (3 * 3 * 16 * 64 + 64 + 2 * 64)     // fire3 expand 16 -> 64 + 64
            + (1 * 1 * 128 * 32 + 32 + 2 * 32)                                      // fire4 squeeze 128 -> 32
            + (1 * 1 * 32 * 128 + 128 + 2 * 128) + (3 * 3 * 32 * 128 + 128 + 2 * 128) // fire4 expand 32 -> 128 + 128
            + (1 * 1 * 256 * 32 + 32 + 2 * 32)                                      // fire5 squeeze 256 -> 32
            + (1 * 1 * 32 * 128 + 128 + 2 * 128) + (3 * 3 * 32 * 128 + 128 + 2 * 128) // fire5 expand 32 -> 128 + 128
            + (1 * 1 * 256 * 48 + 48 + 2 * 48)                                      // fire6 squeeze 256 -> 48
            + (1 * 1 * 48 * 192 + 192 + 2 * 192) + (3 * 3 * 48 * 192 + 192 + 2 * 192) // fire6 expand 48 -> 192 + 192
            + (1 * 1 * 384 * 48 + 48 + 2 * 48)                                      // fire7 squeeze 384 -> 48
            + (1 * 1 * 48 * 192 + 192 + 2 * 192) + (3 * 3 * 48 * 192 + 192 + 2 * 192) // fire7 expand 48 -> 192 + 192
            + (3 * 3 * 384 * 512 + 512 + 2 * 512)                                   // conv8 3x3, 384 -> 512 (F)
            + 10 * 512;                                                             // classifier K*C, no bias

        using var net = Create(GapArchitecture.CustomNetGap, width: 1.0, classes: 10);

        Assert.Equal(2_129_024, expected);
        Assert.Equal(expected, ParameterCount(net));
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
