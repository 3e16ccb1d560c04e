using System.Diagnostics;

namespace HideAndSeek.Benchmarks;

/// <summary>Stopwatch helpers: warm-ups first, then the median of repeats (robust to the shared machine's noise).</summary>
internal static class Timing
{
    /// <summary>Runs <paramref name="action"/> <paramref name="warmups"/> times untimed, then returns the median seconds of <paramref name="repeats"/> runs.</summary>
    public static double MedianSeconds(int warmups, int repeats, Action action)
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
        return Median(samples);
    }

    public static double Median(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0)
            return double.NaN;
        var sorted = samples.OrderBy(s => s).ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
