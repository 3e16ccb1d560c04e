using HideAndSeek.Data.ImageFiles;
using HideAndSeek.Data.Manifest;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.Data.Manifest;

public class ImageManifestTests
{
    private static readonly MLContext Ml = new(1);

    private static IDataView Load(string manifest, ImageManifestOptions? options = null) => Ml.Data.LoadImageManifest(manifest, options);

    [Fact]
    public void Rows_of_one_image_become_one_row_with_all_its_boxes_in_first_appearance_order()
    {
        using var folder = new ManifestFolder();
        string manifest = folder.Manifest("annotations.csv",
            "image,label,xmin,ymin,xmax,ymax",
            "images/dog/c.jpg,dog,0,0,99,40",
            "images/cat/a.jpg,cat,1,2,36,22",
            "images/dog/c.jpg,dog,10,5,20,6",
            "images/cat/b.png,cat,0,0,22,36");
        var view = Load(manifest);

        Assert.Equal(["ImagePath", "Label", "LabelName", "Box"], view.Schema.Select(c => c.Name));
        var boxType = Assert.IsType<VectorDataViewType>(view.Schema["Box"].Type);
        Assert.Equal(0, boxType.Size); // images with two boxes: a variable-size 4n vector
        Assert.Equal(3, view.GetRowCount());
        Assert.Equal([folder.PathOf("images/dog/c.jpg"), folder.PathOf("images/cat/a.jpg"), folder.PathOf("images/cat/b.png")],
            view.GetColumn<string>("ImagePath"));
        Assert.Equal(["dog", "cat", "cat"], view.GetColumn<string>("Label"));
        Assert.Equal(["dog", "cat", "cat"], view.GetColumn<string>("LabelName"));
        var boxes = view.GetColumn<float[]>("Box").ToArray();
        Assert.Equal([0f, 0, 99, 40, 10, 5, 20, 6], boxes[0]);
        Assert.Equal([1f, 2, 36, 22], boxes[1]);
        Assert.Equal([0f, 0, 22, 36], boxes[2]);
    }

    [Fact]
    public void One_box_per_image_gives_a_known_size_of_four_as_Tiny_ImageNet_does()
    {
        using var folder = new ManifestFolder();
        string manifest = folder.Manifest("m.csv", "image,label,xmin,ymin,xmax,ymax", "images/cat/a.jpg,cat,0,0,36,22");
        Assert.Equal(4, Assert.IsType<VectorDataViewType>(Load(manifest).Schema["Box"].Type).Size);
    }

    [Fact]
    public void A_tsv_with_columns_in_any_order_quoted_fields_and_extra_columns_is_read()
    {
        using var folder = new ManifestFolder();
        folder.Photo("images/cat/with, comma.jpg", 30, 20);
        string manifest = folder.Manifest("m.tsv",
            "Note\tYMAX\tXMAX\tymin\txmin\tLabel\tImage",
            "anything\t19\t29\t0\t0\tcat\t\"images/cat/with, comma.jpg\"",
            "\"say \"\"hi\"\"\"\t22\t36\t1\t2\t\"big cat\"\timages/cat/a.jpg");
        var view = Load(manifest);
        Assert.Equal([folder.PathOf("images/cat/with, comma.jpg"), folder.PathOf("images/cat/a.jpg")], view.GetColumn<string>("ImagePath"));
        Assert.Equal(["cat", "big cat"], view.GetColumn<string>("Label"));
        Assert.Equal([2f, 1, 36, 22], view.GetColumn<float[]>("Box").Last());
    }

    [Fact]
    public void A_manifest_without_box_columns_has_no_box_column()
    {
        using var folder = new ManifestFolder();
        string manifest = folder.Manifest("m.csv", "image,label", "images/cat/a.jpg,cat", "images/dog/c.jpg,dog");
        var view = Load(manifest);
        Assert.Equal(["ImagePath", "Label", "LabelName"], view.Schema.Select(c => c.Name));
        Assert.Equal(2, view.GetRowCount());
    }

    [Fact]
    public void Split_selects_rows_and_is_an_error_without_a_split_column_or_with_an_unknown_value()
    {
        using var folder = new ManifestFolder();
        string manifest = folder.Manifest("m.csv",
            "image,label,xmin,ymin,xmax,ymax,split",
            "images/cat/a.jpg,cat,0,0,36,22,train",
            "images/cat/b.png,cat,0,0,22,36,test",
            "images/dog/c.jpg,dog,0,0,99,40,train");
        Assert.Equal(["cat", "dog"], Load(manifest, new() { Split = "train" }).GetColumn<string>("Label"));
        Assert.Equal([folder.PathOf("images/cat/b.png")], Load(manifest, new() { Split = "test" }).GetColumn<string>("ImagePath"));
        Assert.Equal(3, Load(manifest).GetRowCount());
        var unknown = Assert.Throws<InvalidDataException>(() => Load(manifest, new() { Split = "val" }));
        Assert.Contains("'train', 'test'", unknown.Message);

        string noSplit = folder.Manifest("n.csv", "image,label", "images/cat/a.jpg,cat");
        var e = Assert.Throws<InvalidDataException>(() => Load(noSplit, new() { Split = "train" }));
        Assert.Contains(noSplit, e.Message);
        Assert.Contains("'split' column", e.Message);
    }

    [Fact]
    public void Masks_are_found_in_the_sibling_masks_folder_with_the_same_relative_path()
    {
        using var folder = new ManifestFolder();
        folder.Photo("masks/cat/a.png", 37, 23, grey: true);
        folder.Photo("masks/dog/c.png", 100, 41, grey: true);
        string manifest = folder.Manifest("m.csv", "image,label,xmin,ymin,xmax,ymax", "images/cat/a.jpg,cat,0,0,1,1", "images/dog/c.jpg,dog,0,0,1,1");
        var view = Load(manifest);
        Assert.Equal([folder.PathOf("masks/cat/a.png"), folder.PathOf("masks/dog/c.png")], view.GetColumn<string>("MaskPath"));

        File.Delete(folder.PathOf("masks/dog/c.png"));
        var e = Assert.Throws<FileNotFoundException>(() => Load(manifest));
        Assert.Contains($"{manifest}, line 3:", e.Message);
        Assert.Contains("c.png", e.Message);
        Assert.DoesNotContain("MaskPath", Load(manifest, new() { DetectMasks = false }).Schema.Select(c => c.Name));
    }

    [Fact]
    public void A_mask_column_names_each_mask_relative_to_the_manifest()
    {
        using var folder = new ManifestFolder();
        folder.Photo("elsewhere/a-mask.png", 37, 23, grey: true);
        string manifest = folder.Manifest("m.csv", "image,label,mask", "images/cat/a.jpg,cat,elsewhere/a-mask.png");
        Assert.Equal([folder.PathOf("elsewhere/a-mask.png")], Load(manifest).GetColumn<string>("MaskPath"));
    }

    [Fact]
    public void Part_box_columns_give_a_part_box_column_empty_where_the_row_has_none()
    {
        using var folder = new ManifestFolder();
        string manifest = folder.Manifest("m.csv",
            "image,label,xmin,ymin,xmax,ymax,head_xmin,head_ymin,head_xmax,head_ymax",
            "images/cat/a.jpg,cat,0,0,36,22,3,4,10,12",
            "images/dog/c.jpg,dog,0,0,99,40,,,,");
        var view = Load(manifest);
        Assert.Equal(["ImagePath", "Label", "LabelName", "Box", "PartBox"], view.Schema.Select(c => c.Name));
        var parts = view.GetColumn<float[]>("PartBox").ToArray();
        Assert.Equal([3f, 4, 10, 12], parts[0]);
        Assert.Empty(parts[1]);
    }

    [Theory]
    [InlineData("images/cat/a.jpg,cat,0,0,37,22", 2, "inside the 37 x 23 image")]         // one pixel too wide (inclusive)
    [InlineData("images/cat/a.jpg,cat,0,0,36,23", 2, "ymax 23 >= height 23")]
    [InlineData("images/cat/a.jpg,cat,5,0,4,22", 2, "xmin <= xmax")]
    [InlineData("images/cat/a.jpg,cat,0,9,36,8", 2, "ymin <= ymax")]
    [InlineData("images/cat/a.jpg,cat,0,0,3x,22", 2, "expected a whole number xmax")]
    [InlineData("images/cat/a.jpg,cat,0,0,3.5,22", 2, "expected a whole number xmax")]
    [InlineData("images/cat/a.jpg,cat,-1,0,3,22", 2, "non-negative xmin")]
    [InlineData("images/cat/a.jpg,cat,0,0,3", 2, "expected 6 fields")]
    [InlineData("images/cat/a.jpg,cat,0,0,3,4,5", 2, "expected 6 fields")]
    [InlineData("images/cat/a.jpg,,0,0,3,4", 2, "expected a label")]
    [InlineData("images/cat/a.jpg,cat,0,,3,4", 2, "ymin is empty")]
    [InlineData("\"images/cat/a.jpg,cat,0,0,3,4", 2, "closing quote")]
    public void A_bad_row_is_an_error_naming_the_manifest_line_and_what_was_expected(string row, int line, string expected)
    {
        using var folder = new ManifestFolder();
        string manifest = folder.Manifest("m.csv", "image,label,xmin,ymin,xmax,ymax", row);
        var e = Assert.Throws<InvalidDataException>(() => Load(manifest));
        Assert.StartsWith($"{manifest}, line {line}: expected", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_box_outside_its_photo_on_a_later_row_names_that_row()
    {
        using var folder = new ManifestFolder();
        string manifest = folder.Manifest("m.csv", "image,label,xmin,ymin,xmax,ymax",
            "images/dog/c.jpg,dog,0,0,99,40", "images/cat/a.jpg,cat,0,0,1,1", "", "images/dog/c.jpg,dog,0,0,100,40");
        var e = Assert.Throws<InvalidDataException>(() => Load(manifest));
        Assert.StartsWith($"{manifest}, line 5:", e.Message);
        Assert.Contains("100 x 41", e.Message);
    }

    [Theory]
    [InlineData(new[] { "image,xmin,ymin,xmax,ymax" }, "no 'label' column")]
    [InlineData(new[] { "file,label" }, "no 'image' column")]
    [InlineData(new[] { "image,label,xmin,ymin,xmax,ymx" }, "lacks ymax")]
    [InlineData(new[] { "image,label,label" }, "each column name once")]
    [InlineData(new[] { "image,label,,x" }, "column 3 has no name")]
    [InlineData(new[] { "image,label,width" }, "lacks height")]
    public void A_bad_header_is_an_error_naming_line_one(string[] lines, string expected)
    {
        using var folder = new ManifestFolder();
        string manifest = folder.Manifest("m.csv", lines);
        var e = Assert.Throws<InvalidDataException>(() => Load(manifest));
        Assert.StartsWith($"{manifest}, line 1: expected", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void An_empty_manifest_or_one_without_rows_is_an_error()
    {
        using var folder = new ManifestFolder();
        string empty = folder.Manifest("empty.csv");
        Assert.Contains("expected a header row", Assert.Throws<InvalidDataException>(() => Load(empty)).Message);
        string headerOnly = folder.Manifest("header.csv", "image,label");
        Assert.Contains("at least one data row", Assert.Throws<InvalidDataException>(() => Load(headerOnly)).Message);
    }

    [Fact]
    public void Rows_of_one_image_that_disagree_are_an_error()
    {
        using var folder = new ManifestFolder();
        string manifest = folder.Manifest("m.csv", "image,label,xmin,ymin,xmax,ymax", "images/cat/a.jpg,cat,0,0,1,1", "./images/cat/a.jpg,dog,0,0,1,1");
        var e = Assert.Throws<InvalidDataException>(() => Load(manifest));
        Assert.StartsWith($"{manifest}, line 3: expected the rows of image", e.Message);
        Assert.Contains("label", e.Message);
    }

    [Fact]
    public void A_stated_size_that_is_not_the_photos_is_an_error()
    {
        using var folder = new ManifestFolder();
        string manifest = folder.Manifest("m.csv", "image,label,width,height", "images/cat/a.jpg,cat,38,23");
        var e = Assert.Throws<InvalidDataException>(() => Load(manifest));
        Assert.StartsWith($"{manifest}, line 2:", e.Message);
        Assert.Contains("37 x 23", e.Message);
    }

    [Fact]
    public void A_missing_or_undecodable_photo_is_an_error_or_with_skipping_left_out_and_reported_once()
    {
        using var folder = new ManifestFolder();
        File.WriteAllBytes(folder.PathOf("images/cat/broken.jpg"), [0xFF, 0xD8, 0xFF, 0x00, 0x01, 0xFF, 0xD9]);
        string manifest = folder.Manifest("m.csv", "image,label,xmin,ymin,xmax,ymax",
            "images/cat/a.jpg,cat,0,0,1,1", "images/cat/missing.jpg,cat,0,0,1,1", "images/cat/broken.jpg,cat,0,0,1,1");

        var missing = Assert.Throws<FileNotFoundException>(() => Load(manifest));
        Assert.StartsWith($"{manifest}, line 3: expected a readable image", missing.Message);
        Assert.Contains("missing.jpg", missing.Message);

        var reported = new List<BadImage>();
        var view = Load(manifest, new() { SkipBadImages = true, BadImageSkipped = b => { lock (reported) reported.Add(b); } });
        Assert.Null(view.GetRowCount());
        for (int pass = 0; pass < 2; pass++)
            Assert.Equal([folder.PathOf("images/cat/a.jpg")], view.GetColumn<string>("ImagePath"));
        Assert.Equal([folder.PathOf("images/cat/missing.jpg"), folder.PathOf("images/cat/broken.jpg")], reported.Select(b => b.Path));

        File.Delete(folder.PathOf("images/cat/missing.jpg"));
        string onlyBroken = folder.Manifest("b.csv", "image,label", "images/cat/broken.jpg,cat");
        var broken = Assert.Throws<InvalidDataException>(() => Load(onlyBroken));
        Assert.StartsWith($"{onlyBroken}, line 2: expected a readable image", broken.Message);
    }

    [Fact]
    public void Classes_and_a_per_class_limit_select_images()
    {
        using var folder = new ManifestFolder();
        string manifest = folder.Manifest("m.csv", "image,label", "images/cat/a.jpg,cat", "images/dog/c.jpg,dog", "images/cat/b.png,cat");
        Assert.Equal(["cat"], Load(manifest, new() { Classes = ["cat"], MaxImagesPerClass = 1 }).GetColumn<string>("Label"));
        Assert.Throws<ArgumentException>(() => Load(manifest, new() { Classes = ["cow"] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Load(manifest, new() { MaxImagesPerClass = 0 }));
    }
}
