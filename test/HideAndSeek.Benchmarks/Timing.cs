using System.Diagnostics;

namespace HideAndSeek.Benchmarks;

/// <summary>Stopwatch helpers: warm-ups first, then the median of repeats (robust to the shared machine's noise).</summary>
internal static class Timing
{
    /// <summary>Runs <paramref name="action"/> <paramref name="warmups"/> times untimed, then returns the median seconds of <paramref name="repeats"/> runs.</summary>
    public static double MedianSeconds(int warmups, int repeats, Action action) => Median(Samples(warmups, repeats, action));

    /// <summary>Seconds of each of <paramref name="repeats"/> runs after <paramref name="warmups"/> untimed ones.</summary>
    public static double[] Samples(int warmups, int repeats, Action action)
    {
        for (int i = 0; i < warmups; i++)
            action();
        var samples = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        return samples;
    }

    public static double Median(IReadOnlyList<double> samples) => Percentile(samples, 0.5);

    /// <summary>
    /// Ratios of measurements taken in the same interleaved round (a / b per round): their median, and half their range
    /// as the spread, so load that hits one round hits both sides of its ratio.
    /// </summary>
    public static (double Median, double Spread) PairedRatio(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var ratios = a.Zip(b, (x, y) => x / y).ToList();
        return ratios.Count == 0 ? (double.NaN, double.NaN) : (Median(ratios), (ratios.Max() - ratios.Min()) / 2);
    }

    /// <summary>
    /// The q-quantile with linear interpolation. A low quantile of step times (the fast decile) estimates the undisturbed
    /// speed on a shared machine, where other work only ever slows a step down.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> samples, double q)
    {
        if (samples.Count == 0)
            return double.NaN;
        var sorted = samples.OrderBy(s => s).ToArray();
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
