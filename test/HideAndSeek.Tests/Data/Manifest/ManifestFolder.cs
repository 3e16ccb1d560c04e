using HideAndSeek.Tests.TestSupport;

namespace HideAndSeek.Tests.Data.Manifest;

/// <summary>A temp folder with a manifest and small real photos of odd sizes, for the manifest tests.</summary>
internal sealed class ManifestFolder : IDisposable
{
    private readonly TempDirectory _dir = new();

    public ManifestFolder()
    {
        Photo("images/cat/a.jpg", 37, 23);
        Photo("images/cat/b.png", 23, 37);
        Photo("images/dog/c.jpg", 100, 41, grey: true);
    }

    public string Root => _dir.Path;

    public string PathOf(string relative) => Path.GetFullPath(Path.Combine(_dir.Path, relative));

    public string Photo(string relative, int width, int height, bool grey = false) =>
        TestImages.Write(PathOf(relative), width, height, grey);

    /// <summary>Writes the manifest (lines joined with \n) and returns its path.</summary>
    public string Manifest(string name, params string[] lines)
    {
        string path = PathOf(name);
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));
        return path;
    }

    public void Dispose() => _dir.Dispose();
}
