using HideAndSeek.Data.ImageFolders;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.Data.ImageFolders;

public class ImageFolderTests
{
    private static readonly MLContext Ml = new(1);

    [Fact]
    public void Each_subfolder_is_a_class_of_its_images_without_boxes()
    {
        using var dir = new TempDirectory();
        TestImages.Write(dir.Combine("zebra", "2.png"), 37, 23);
        TestImages.Write(dir.Combine("zebra", "1.JPG"), 23, 37, grey: true);
        TestImages.Write(dir.Combine("apple", "x.jpeg"), 10, 10);
        File.WriteAllText(dir.Combine("apple", "notes.txt"), "not an image");
        TestImages.Write(dir.Combine("loose.jpg"), 5, 5);
        Directory.CreateDirectory(dir.Combine("empty"));
        TestImages.Write(dir.Combine(".hidden", "h.jpg"), 5, 5);

        var view = Ml.Data.LoadImageFolders(dir.Path);
        Assert.Equal(["ImagePath", "Label", "LabelName"], view.Schema.Select(c => c.Name));
        Assert.Equal([dir.Combine("apple", "x.jpeg"), dir.Combine("zebra", "1.JPG"), dir.Combine("zebra", "2.png")], view.GetColumn<string>("ImagePath"));
        Assert.Equal(["apple", "zebra", "zebra"], view.GetColumn<string>("Label"));
        Assert.Equal(["zebra"], Ml.Data.LoadImageFolders(dir.Path, new ImageFolderOptions { Classes = ["zebra"], MaxImagesPerClass = 1 })
            .GetColumn<string>("Label"));
    }

    [Fact]
    public void A_root_without_class_folders_of_images_is_an_error()
    {
        using var dir = new TempDirectory();
        TestImages.Write(dir.Combine("loose.jpg"), 5, 5);
        var e = Assert.Throws<InvalidDataException>(() => Ml.Data.LoadImageFolders(dir.Path));
        Assert.Contains(dir.Path, e.Message);
        Assert.Throws<DirectoryNotFoundException>(() => Ml.Data.LoadImageFolders(dir.Combine("nothing")));
    }
}
