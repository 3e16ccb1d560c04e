namespace HideAndSeek.Tests.TestSupport;

/// <summary>
/// Finds a shared photo set with a manifest (<c>shared/data/&lt;name&gt;/annotations.csv</c>, e.g. caltech101-24 or
/// pets-3) beside any folder above the test binaries, as <see cref="TinyImageNetLocation"/> finds Tiny ImageNet.
/// </summary>
public static class SharedPhotoSet
{
    /// <summary>The manifest's path, or null when the set is not on this machine.</summary>
    public static string? Manifest(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", name, "annotations.csv");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}

/// <summary>A fact that is skipped, with the reason, when the named shared photo set is absent.</summary>
public sealed class RequiresSharedPhotoSetFactAttribute : FactAttribute
{
    public RequiresSharedPhotoSetFactAttribute(string name)
    {
        if (SharedPhotoSet.Manifest(name) is null)
            Skip = $"Shared photo set '{name}' not found: place it at ../shared/data/{name}/annotations.csv relative to the repository.";
    }
}
