using HideAndSeek.Data.ImageFiles;

namespace HideAndSeek.Data.ImageFolders;

/// <summary>
/// Reads a folder per class, <c>root/&lt;class&gt;/*.jpg|jpeg|png</c>, for training without boxes: the label (and label
/// name) is the folder's name. The view has no <c>Box</c> column (the trainer needs only <c>ImagePath</c> and
/// <c>Label</c>; evaluation needs boxes, so it refuses such a view).
/// </summary>
/// <remarks>
/// Classes in ordinal order of their folder names, each class's images in ordinal order of their file names; files
/// directly in the root, hidden folders (names starting with '.') and folders without image files are ignored. A root
/// without any image is an <see cref="InvalidDataException"/>, a missing root a <see cref="DirectoryNotFoundException"/>.
/// </remarks>
internal static class ImageFolderReader
{
    public static IReadOnlyList<AnnotatedImage> Read(string root, ImageFolderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        options ??= new ImageFolderOptions();
        options.Validate();
        string fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
            throw new DirectoryNotFoundException($"Image folder root '{fullRoot}' does not exist.");
        var extensions = options.Extensions.Select(e => e.StartsWith('.') ? e : "." + e).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var classes = new List<(string Name, string[] Files)>();
        foreach (string folder in Directory.GetDirectories(fullRoot).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(folder);
            if (name.StartsWith('.'))
                continue;
            var files = Directory.GetFiles(folder)
                .Where(f => extensions.Contains(Path.GetExtension(f)) && !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal).ToArray();
            if (files.Length > 0)
                classes.Add((name, files));
        }
        if (classes.Count == 0)
        {
            throw DataFileErrors.Invalid(fullRoot,
                $"expected a folder per class with image files ({string.Join(", ", extensions)}) but found none");
        }

        if (options.Classes is { } wanted)
        {
            foreach (string label in wanted.Where(w => classes.All(c => c.Name != w)))
            {
                throw new ArgumentException(
                    $"{nameof(options.Classes)} names '{label}', which is not a class folder (with images) of '{fullRoot}'.", nameof(options));
            }

            classes = classes.Where(c => wanted.Contains(c.Name)).ToList();
        }
        return classes
            .SelectMany(c => c.Files.Take(options.MaxImagesPerClass ?? int.MaxValue)
                .Select(f => new AnnotatedImage(f, c.Name, c.Name, Box: null)))
            .ToList();
    }
}
