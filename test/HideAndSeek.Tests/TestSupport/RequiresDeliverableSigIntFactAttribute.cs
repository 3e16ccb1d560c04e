namespace HideAndSeek.Tests.TestSupport;

/// <summary>
/// A fact that is skipped, with the reason, when this process ignores SIGINT: a command started in the background by a
/// non-interactive shell (<c>cmd &amp;</c> in a script, nohup) inherits SIGINT as ignored, and so does every child it
/// starts, so no Ctrl+C can reach them. Run the tests in the foreground to include it.
/// </summary>
public sealed class RequiresDeliverableSigIntFactAttribute : FactAttribute
{
    public RequiresDeliverableSigIntFactAttribute()
    {
        if (SigIntIgnored())
            Skip = "SIGINT is ignored in this process (started in the background by a non-interactive shell), so a child cannot receive Ctrl+C";
    }

    /// <summary>Bit 1 (signal 2) of the SigIgn mask in /proc/self/status.</summary>
    private static bool SigIntIgnored()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (2 - 1))) != 0;
    }
}
