namespace HideAndSeek.Benchmarks;

/// <summary>The process's resident set, native allocations (libtorch) included.</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS from /proc/self/status in bytes; Environment.WorkingSet where /proc is absent.</summary>
    public static long ResidentBytes() => StatusField("VmRSS:");

    private static long StatusField(string field)
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        return Environment.WorkingSet;
    }

    /// <summary>VmHWM (the peak resident set) from /proc/self/status in bytes; Environment.WorkingSet where /proc is absent.</summary>
    public static long PeakResidentBytes() => StatusField("VmHWM:");

    public static double Mebibytes(long bytes) => bytes / (1024.0 * 1024.0);
}
