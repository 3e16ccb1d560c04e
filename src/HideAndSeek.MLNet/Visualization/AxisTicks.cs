using System.Globalization;

namespace HideAndSeek.Visualization;

/// <summary>Round-number axis ticks (steps of 1, 2, 2.5 or 5 times a power of ten).</summary>
internal static class AxisTicks
{
    /// <summary>A step that cuts <paramref name="range"/> into about <paramref name="target"/> intervals.</summary>
    public static double NiceStep(double range, int target)
    {
        if (!(range > 0) || !double.IsFinite(range))
            return 1.0;
        double raw = range / Math.Max(1, target);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>The tick values from the first multiple of <paramref name="step"/> at or above <paramref name="min"/> up to <paramref name="max"/>.</summary>
    public static IReadOnlyList<double> Values(double min, double max, double step)
    {
        var ticks = new List<double>();
        double first = Math.Ceiling(min / step - 1e-9) * step;
        for (int i = 0; i < 1000; i++)
        {
            double value = first + i * step;
            if (value > max + step * 1e-9)
                break;
            ticks.Add(Math.Abs(value) < step * 1e-9 ? 0.0 : value);
        }
        return ticks;
    }

    /// <summary>A tick label with as many decimals as the step needs.</summary>
    public static string Format(double value, double step)
    {
        int decimals = step >= 10 ? 0
            : step >= 1 ? (IsQuarter(step) ? 1 : 0)
            : Math.Min(6, (int)Math.Ceiling(-Math.Log10(step) - 1e-9) + (IsQuarter(step) ? 1 : 0));
        return value.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    // 2.5, 0.25, 0.025, ... need one more decimal than their power of ten.
    private static bool IsQuarter(double step)
    {
        double scaled = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
        return Math.Abs(scaled - 2.5) < 1e-9;
    }
}
