using HideAndSeek.Cli.Workflow;
using HideAndSeek.Tests.TestSupport;

namespace HideAndSeek.Tests.Cli;

/// <summary>The CLI's --dataset path is told apart by what it holds.</summary>
public class DatasetLayoutDetectionTests
{
    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void Each_layout_is_recognised_from_what_the_path_holds()
    {
        using var dir = new TempDirectory();
        Write(dir.Combine("tiny", "wnids.txt"), "n1\n");
        Write(dir.Combine("manifest", "annotations.csv"), "image,label\n");
        Write(dir.Combine("voc", "Annotations", "a.xml"), "<annotation/>");
        Directory.CreateDirectory(dir.Combine("voc", "JPEGImages"));
        Write(dir.Combine("flat-voc", "a.xml"), "<annotation/>");
        TestImages.Write(dir.Combine("folders", "cat", "a.jpg"), 9, 7);
        Write(dir.Combine("two", "a.csv"), "");
        Write(dir.Combine("two", "b.tsv"), "");

        Assert.Equal(DatasetLoader.Layout.TinyImageNet, DatasetLoader.Detect(dir.Combine("tiny")).Layout);
        Assert.Equal((DatasetLoader.Layout.Manifest, dir.Combine("manifest", "annotations.csv")),
            DatasetLoader.Detect(dir.Combine("manifest")) is var m ? (m.Layout, m.Annotations) : default);
        Assert.Equal(DatasetLoader.Layout.Manifest, DatasetLoader.Detect(dir.Combine("manifest", "annotations.csv")).Layout);
        Assert.Equal((DatasetLoader.Layout.Voc, dir.Combine("voc", "Annotations"), dir.Combine("voc", "JPEGImages")), DatasetLoader.Detect(dir.Combine("voc")));
        Assert.Equal((DatasetLoader.Layout.Voc, dir.Combine("flat-voc"), dir.Combine("flat-voc")), DatasetLoader.Detect(dir.Combine("flat-voc")));
        Assert.Equal(DatasetLoader.Layout.ImageFolders, DatasetLoader.Detect(dir.Combine("folders")).Layout);

        Assert.Contains("2 manifests", Assert.Throws<UserError>(() => DatasetLoader.Detect(dir.Combine("two"))).Message);
        Assert.Contains("a CSV/TSV manifest", Assert.Throws<UserError>(() => DatasetLoader.Detect(dir.Combine("missing"))).Message);
        Assert.Contains("not a .csv/.tsv manifest", Assert.Throws<UserError>(() => DatasetLoader.Detect(dir.Combine("tiny", "wnids.txt"))).Message);
    }
}
