namespace HideAndSeek.Tests.TestSupport;

/// <summary>A fact that is skipped, with the reason, when no Chromium is installed (Debian: apt-get install chromium).</summary>
public sealed class RequiresChromiumFactAttribute : FactAttribute
{
    public RequiresChromiumFactAttribute()
    {
        if (HeadlessChromium.FindExecutable() is null)
            Skip = "Chromium not found (install Debian's 'chromium' package, or set HIDEANDSEEK_CHROMIUM to its path); .ci/run installs it";
    }
}
