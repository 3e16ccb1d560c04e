using System.Diagnostics;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// CPU time of this process (all threads). CPU seconds over wall seconds says how many cores the process actually got:
/// near the core count when the machine is ours, lower when other work on a shared machine takes its share.
/// </summary>
internal static class ProcessCpu
{
    public static double Seconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }
}
