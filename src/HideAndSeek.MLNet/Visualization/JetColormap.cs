using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Visualization;

/// <summary>
/// The classic piecewise-linear "jet" colour map: dark blue (0) -> blue -> cyan -> yellow -> red -> dark red (1).
/// Each channel is a trapezoid, <c>clamp(1.5 - |4v - k|, 0, 1)</c> with k = 3 (red), 2 (green), 1 (blue).
/// </summary>
internal static class JetColormap
{
    /// <summary>The colour of <paramref name="value"/>; values are clamped to [0, 1] and NaN counts as 0.</summary>
    public static Rgba32 Map(float value)
    {
        float v = float.IsNaN(value) ? 0f : Math.Clamp(value, 0f, 1f);
        return new Rgba32(Channel(v, 3f), Channel(v, 2f), Channel(v, 1f), 255);
    }

    private static byte Channel(float v, float centre) =>
        (byte)MathF.Round(255f * Math.Clamp(1.5f - MathF.Abs(4f * v - centre), 0f, 1f), MidpointRounding.AwayFromZero);
}
