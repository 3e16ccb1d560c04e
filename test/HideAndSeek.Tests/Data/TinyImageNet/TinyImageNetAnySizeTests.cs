using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.Tests.TestSupport;

namespace HideAndSeek.Tests.Data.TinyImageNet;

/// <summary>Tiny ImageNet's layout with photos of any size: boxes are checked against each image's header.</summary>
public class TinyImageNetAnySizeTests
{
    private static IReadOnlyList<TinyImageNetRecord> Train(SmallLayout layout, TinyImageNetOptions? options = null) =>
        TinyImageNetReader.Read(layout.Root, TinyImageNetSplit.Train, options);

    [Fact]
    public void A_box_beyond_64_pixels_is_accepted_inside_a_larger_photo()
    {
        using var layout = new SmallLayout();
        TestImages.Write(layout.PathOf("train", SmallLayout.ClassB, "images", "n0000002_0.JPEG"), 150, 41);
        layout.Write(["train", SmallLayout.ClassB, $"{SmallLayout.ClassB}_boxes.txt"], "n0000002_0.JPEG\t0\t0\t149\t40");
        Assert.Equal((149, 40), Train(layout).Where(r => r.Label == SmallLayout.ClassB).Select(r => (r.XMax, r.YMax)).Single());
    }

    [Fact]
    public void A_box_outside_its_photo_names_the_annotation_file_line_and_the_photo_size()
    {
        using var layout = new SmallLayout();
        TestImages.Write(layout.PathOf("train", SmallLayout.ClassB, "images", "n0000002_1.JPEG"), 150, 41, grey: true);
        layout.Write(["train", SmallLayout.ClassB, $"{SmallLayout.ClassB}_boxes.txt"],
            "n0000002_0.JPEG\t0\t0\t63\t63", "n0000002_1.JPEG\t0\t0\t100\t41");
        var e = Assert.Throws<InvalidDataException>(() => Train(layout));
        Assert.StartsWith($"{layout.BoxesFile(SmallLayout.ClassB)}, line 2: expected the box (0, 0, 100, 41) inside the 150 x 41 image", e.Message);
        // A fixed size skips the header and checks against it instead.
        Assert.Contains("at most 63", Assert.Throws<InvalidDataException>(() => Train(layout, new TinyImageNetOptions { ImageSize = 64 })).Message);
    }

    [Fact]
    public void An_undecodable_photo_is_an_error_naming_the_annotation_line()
    {
        using var layout = new SmallLayout();
        File.WriteAllBytes(layout.PathOf("train", SmallLayout.ClassA, "images", "n0000001_2.JPEG"), [1, 2, 3]);
        var e = Assert.Throws<InvalidDataException>(() => Train(layout));
        Assert.StartsWith($"{layout.BoxesFile(SmallLayout.ClassA)}, line 3: expected a readable image", e.Message);
        Assert.Equal(6, Train(layout, new TinyImageNetOptions { SkipBadImages = true }).Count); // left to the view to skip
    }
}
