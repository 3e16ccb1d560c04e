using HideAndSeek.Visualization;
using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Tests.Visualization;

public class JetColormapTests
{
    [Fact]
    public void Zero_is_dark_blue_and_one_is_dark_red()
    {
        Assert.Equal(new Rgba32(0, 0, 128), JetColormap.Map(0f));
        Assert.Equal(new Rgba32(128, 0, 0), JetColormap.Map(1f));
    }

    [Fact]
    public void Midpoint_is_light_green_between_cyan_and_yellow()
    {
        Assert.Equal(new Rgba32(128, 255, 128), JetColormap.Map(0.5f));
        Assert.Equal(new Rgba32(0, 128, 255), JetColormap.Map(0.25f));   // blue turning cyan
        Assert.Equal(new Rgba32(255, 128, 0), JetColormap.Map(0.75f));   // yellow turning red
        Assert.Equal(new Rgba32(0, 255, 255), JetColormap.Map(0.375f));  // cyan
        Assert.Equal(new Rgba32(255, 255, 0), JetColormap.Map(0.625f));  // yellow
    }

    [Fact]
    public void Values_outside_the_unit_range_and_NaN_are_clamped()
    {
        Assert.Equal(JetColormap.Map(0f), JetColormap.Map(-3f));
        Assert.Equal(JetColormap.Map(0f), JetColormap.Map(float.NaN));
        Assert.Equal(JetColormap.Map(1f), JetColormap.Map(7f));
    }
}
