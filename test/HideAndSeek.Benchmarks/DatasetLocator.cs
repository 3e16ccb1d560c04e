namespace HideAndSeek.Benchmarks;

/// <summary>
/// Finds the Tiny ImageNet sample: --data, else HIDEANDSEEK_TINY_IMAGENET (as the tests), else
/// shared/data/tiny-imagenet-10 beside any folder above the working folder or the binaries (the repository sits next
/// to shared/, so from the repository root this is ../shared/data/tiny-imagenet-10).
/// </summary>
internal static class DatasetLocator
{
    public const string EnvironmentVariable = "HIDEANDSEEK_TINY_IMAGENET";
    private const string RelativePath = "shared/data/tiny-imagenet-10";

    /// <summary>The dataset root, or null with the reason in <paramref name="why"/>.</summary>
    public static string? Find(string? explicitRoot, out string why)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            why = $"--data '{explicitRoot}' has no wnids.txt";
            return IsDataset(explicitRoot) ? Path.GetFullPath(explicitRoot) : null;
        }
        string? named = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            why = $"{EnvironmentVariable}='{named}' has no wnids.txt";
            return IsDataset(named) ? Path.GetFullPath(named) : null;
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, RelativePath);
                if (IsDataset(candidate))
                {
                    why = "";
                    return candidate;
                }
            }
        }
        why = $"no {RelativePath} above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}; pass --data <root>";
        return null;
    }

    private static bool IsDataset(string folder) => File.Exists(Path.Combine(folder, "wnids.txt"));
}
