using System.Runtime.InteropServices;

namespace HideAndSeek.Tests.TestSupport;

/// <summary>
/// This process's memory as the operating system and the C heap see it: resident set size, and the bytes glibc's
/// malloc has handed out, where libtorch's CPU tensors live (its CPU allocator calls posix_memalign).
/// </summary>
public static class ProcessMemory
{
    /// <summary>Resident set size in MiB (VmRSS of /proc/self/status).</summary>
    public static double ResidentMiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        }
        throw new InvalidOperationException("/proc/self/status has no VmRSS line.");
    }

    /// <summary>Bytes in use in the C heap, in MiB (small blocks plus mmapped large blocks), or NaN off glibc.</summary>
    public static double NativeHeapMiB()
    {
        try
        {
            var info = mallinfo2();
            return (info.Uordblks + info.Hblkhd) / (1024.0 * 1024.0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return double.NaN;
        }
    }

    /// <summary>Collects everything collectable, running finalizers (which free TorchSharp tensors' native memory).</summary>
    public static void CollectEverything()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 mallinfo2();

    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena;
        public nuint Ordblks;
        public nuint Smblks;
        public nuint Hblks;
        public nuint Hblkhd;
        public nuint Usmblks;
        public nuint Fsmblks;
        public nuint Uordblks;
        public nuint Fordblks;
        public nuint Keepcost;
    }
}
