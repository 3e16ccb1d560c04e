using HideAndSeek.Tests.TestSupport;

namespace HideAndSeek.Tests.Data.TinyImageNet;

/// <summary>
/// A tiny valid Tiny ImageNet layout in a temp folder (two classes, three training and two validation images each,
/// real 64 x 64 image files, since boxes are checked against each image's header) that the bad-input tests break one
/// file at a time.
/// </summary>
internal sealed class SmallLayout : IDisposable
{
    public const string ClassA = "n0000001";
    public const string ClassB = "n0000002";

    private readonly TempDirectory _dir = new();

    public SmallLayout()
    {
        Write("wnids.txt", ClassA, ClassB);
        Write("words.txt", "n0000000\tunused", $"{ClassA}\tfirst thing, another name", $"{ClassB}\tsecond thing");
        foreach (string wnid in new[] { ClassA, ClassB })
        {
            var lines = new List<string>();
            for (int i = 0; i < 3; i++)
            {
                string name = $"{wnid}_{i}.JPEG";
                Touch("train", wnid, "images", name);
                lines.Add($"{name}\t{i}\t{i + 1}\t{i + 10}\t{i + 20}");
            }
            Write(BoxesPathParts(wnid), lines.ToArray());
        }
        var val = new List<string>();
        for (int i = 0; i < 4; i++)
        {
            string name = $"val_{i}.JPEG";
            Touch("val", "images", name);
            val.Add($"{name}\t{(i % 2 == 0 ? ClassA : ClassB)}\t{i}\t{i}\t{63 - i}\t{63}");
        }
        Write(["val", "val_annotations.txt"], val.ToArray());
    }

    public string Root => _dir.Path;

    public string BoxesFile(string wnid) => _dir.Combine(BoxesPathParts(wnid));

    public string ValAnnotations => _dir.Combine("val", "val_annotations.txt");

    public string PathOf(params string[] parts) => _dir.Combine(parts);

    public void Write(string relative, params string[] lines) => Write([relative], lines);

    public void Write(string[] parts, params string[] lines)
    {
        string path = _dir.Combine(parts);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));
    }

    /// <summary>Writes a 64 x 64 image (PNG for a .png name, else JPEG).</summary>
    public void Touch(params string[] parts) => TestImages.Write(_dir.Combine(parts), 64, 64);

    public void Dispose() => _dir.Dispose();

    private static string[] BoxesPathParts(string wnid) => ["train", wnid, $"{wnid}_boxes.txt"];
}
