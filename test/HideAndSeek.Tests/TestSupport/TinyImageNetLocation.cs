namespace HideAndSeek.Tests.TestSupport;

/// <summary>
/// Finds the shared ten-class Tiny ImageNet sample: the folder named by HIDEANDSEEK_TINY_IMAGENET, else
/// <c>shared/data/tiny-imagenet-10</c> beside any folder above the test binaries (the repository sits next to shared/).
/// </summary>
public static class TinyImageNetLocation
{
    public const string EnvironmentVariable = "HIDEANDSEEK_TINY_IMAGENET";
    private const string RelativePath = "shared/data/tiny-imagenet-10";

    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The dataset folder, or null when it is not on this machine.</summary>
    public static string? Root => Found.Value;

    public static string SkipReason =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } named
            ? $"Tiny ImageNet sample not found: {EnvironmentVariable}='{named}' has no wnids.txt."
            : $"Tiny ImageNet sample not found: set {EnvironmentVariable} or place it at ../{RelativePath} relative to the repository.";

    private static string? Find()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return IsDataset(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, RelativePath);
            if (IsDataset(candidate))
                return candidate;
        }
        return null;
    }

    private static bool IsDataset(string folder) => File.Exists(Path.Combine(folder, "wnids.txt"));
}
