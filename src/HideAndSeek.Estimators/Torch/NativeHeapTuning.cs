using System.Runtime.InteropServices;

namespace HideAndSeek.Torch;

/// <summary>
/// Keeps glibc's malloc from handing every large tensor its own fresh mapping. By default glibc serves allocations
/// above its mmap threshold (at most 32 MiB) with a new mmap and unmaps them on free, and trims the heap's free top
/// above 128 KiB: a training step's activations (tens to hundreds of MiB each) then come back as fresh pages every
/// step, and the kernel faults and zeroes them again. On this project's 2-core benchmark machine that cost
/// SmallAlexNetGap's step half its speed and ResNet18's more (the precision suite, with and without
/// <c>MALLOC_MMAP_MAX_=0</c>). Applied once, when libtorch is loaded: no mmap for allocations (the heap grows with brk,
/// freed blocks are reused), no automatic trimming; <see cref="Release"/> hands the free memory back when a training
/// ends. Only on Linux with glibc, and never when the process chose its own malloc settings (the MALLOC_* variables,
/// GLIBC_TUNABLES with glibc.malloc, or an LD_PRELOAD allocator) or sets HIDEANDSEEK_NATIVE_HEAP=default.
/// </summary>
internal static class NativeHeapTuning
{
    private const int TrimThresholdParameter = -1; // M_TRIM_THRESHOLD
    private const int MmapMaxParameter = -4; // M_MMAP_MAX

    private static readonly string[] UserSettings =
    {
        "MALLOC_MMAP_MAX_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_ARENA_MAX",
    };

    private static int _applied;

    /// <summary>Whether the tuning is in effect in this process.</summary>
    public static bool IsApplied => Volatile.Read(ref _applied) == 1;

    /// <summary>What was done, for the start-up log: one clause.</summary>
    public static string Description { get; private set; } = "glibc malloc settings unchanged";

    /// <summary>Applies the settings once per process where allowed (see the class remarks).</summary>
    public static void Apply()
    {
        if (IsApplied)
            return;
        if (Reason() is { } reason)
        {
            Description = $"glibc malloc settings unchanged ({reason})";
            return;
        }
        try
        {
            if (Mallopt(MmapMaxParameter, 0) == 1 && Mallopt(TrimThresholdParameter, int.MaxValue) == 1)
            {
                Volatile.Write(ref _applied, 1);
                Description = "glibc malloc keeps freed tensor memory for reuse (no mmap per allocation, no automatic trim)";
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Description = "glibc malloc settings unchanged (mallopt not found)";
        }
    }

    /// <summary>Returns the heap's free memory to the system (after a training); a no-op when not applied.</summary>
    public static void Release()
    {
        if (IsApplied)
            MallocTrim(0);
    }

    private static string? Reason()
    {
        if (!OperatingSystem.IsLinux())
            return "not Linux";
        if (ReasonInEnvironment(Environment.GetEnvironmentVariable) is { } reason)
            return reason;
        try
        {
            GnuLibcVersion();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return "not glibc";
        }
        return null;
    }

    /// <summary>Why the process's environment rules the tuning out, or null.</summary>
    internal static string? ReasonInEnvironment(Func<string, string?> variable)
    {
        if (string.Equals(variable("HIDEANDSEEK_NATIVE_HEAP")?.Trim(), "default", StringComparison.OrdinalIgnoreCase))
            return "HIDEANDSEEK_NATIVE_HEAP=default";
        if (UserSettings.FirstOrDefault(v => !string.IsNullOrEmpty(variable(v))) is { } name)
            return $"{name} is set";
        if (variable("GLIBC_TUNABLES")?.Contains("glibc.malloc", StringComparison.Ordinal) == true)
            return "GLIBC_TUNABLES sets malloc";
        if (!string.IsNullOrEmpty(variable("LD_PRELOAD")))
            return "LD_PRELOAD is set";
        return null;
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    [DllImport("libc", EntryPoint = "gnu_get_libc_version")]
    private static extern IntPtr GnuLibcVersion();
}
