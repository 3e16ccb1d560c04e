using HideAndSeek.Data.TinyImageNet;

namespace HideAndSeek.Tests.Data.TinyImageNet;

public class TinyImageNetBadInputTests
{
    private static IReadOnlyList<TinyImageNetRecord> Train(SmallLayout layout, TinyImageNetOptions? options = null) =>
        TinyImageNetReader.Read(layout.Root, TinyImageNetSplit.Train, options);

    private static IReadOnlyList<TinyImageNetRecord> Validation(SmallLayout layout, TinyImageNetOptions? options = null) =>
        TinyImageNetReader.Read(layout.Root, TinyImageNetSplit.Validation, options);

    private static void AssertNamesFileAndLine(Exception e, string file, int line)
    {
        Assert.Contains(file, e.Message);
        Assert.Contains($"line {line}:", e.Message);
    }

    [Fact]
    public void Small_valid_layout_reads_without_error()
    {
        using var layout = new SmallLayout();
        Assert.Equal(6, Train(layout).Count);
        Assert.Equal(4, Validation(layout).Count);
    }

    [Fact]
    public void Missing_root_throws_directory_not_found_naming_it()
    {
        string root = Path.Combine(Path.GetTempPath(), "hideandseek-tests", "no-such-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<DirectoryNotFoundException>(() => TinyImageNetReader.Read(root, TinyImageNetSplit.Train));
        Assert.Contains(root, e.Message);
    }

    [Fact]
    public void Missing_wnids_file_throws_file_not_found_naming_it()
    {
        using var layout = new SmallLayout();
        File.Delete(layout.PathOf("wnids.txt"));
        var e = Assert.Throws<FileNotFoundException>(() => Train(layout));
        Assert.Contains(layout.PathOf("wnids.txt"), e.Message);
        Assert.Equal(layout.PathOf("wnids.txt"), e.FileName);
    }

    [Fact]
    public void Empty_wnids_file_is_invalid_data()
    {
        using var layout = new SmallLayout();
        layout.Write("wnids.txt", "", "  ");
        var e = Assert.Throws<InvalidDataException>(() => Train(layout));
        Assert.Contains(layout.PathOf("wnids.txt"), e.Message);
    }

    [Fact]
    public void Duplicate_wnid_names_both_lines()
    {
        using var layout = new SmallLayout();
        layout.Write("wnids.txt", SmallLayout.ClassA, SmallLayout.ClassB, SmallLayout.ClassA);
        var e = Assert.Throws<InvalidDataException>(() => Train(layout));
        AssertNamesFileAndLine(e, layout.PathOf("wnids.txt"), 3);
        Assert.Contains("line 1", e.Message);
    }

    [Fact]
    public void Wnid_with_a_space_names_file_and_line()
    {
        using var layout = new SmallLayout();
        layout.Write("wnids.txt", SmallLayout.ClassA, "n00 2");
        var e = Assert.Throws<InvalidDataException>(() => Train(layout));
        AssertNamesFileAndLine(e, layout.PathOf("wnids.txt"), 2);
    }

    [Fact]
    public void Missing_words_entry_falls_back_to_the_wnid()
    {
        using var layout = new SmallLayout();
        layout.Write("words.txt", $"{SmallLayout.ClassA}\tfirst thing, another name");
        var rows = Train(layout);
        Assert.All(rows.Where(r => r.Label == SmallLayout.ClassA), r => Assert.Equal("first thing", r.LabelName));
        Assert.All(rows.Where(r => r.Label == SmallLayout.ClassB), r => Assert.Equal(SmallLayout.ClassB, r.LabelName));
    }

    [Fact]
    public void Missing_words_file_falls_back_to_the_wnids()
    {
        using var layout = new SmallLayout();
        File.Delete(layout.PathOf("words.txt"));
        Assert.All(Train(layout), r => Assert.Equal(r.Label, r.LabelName));
    }

    [Fact]
    public void Words_line_without_tab_names_file_and_line()
    {
        using var layout = new SmallLayout();
        layout.Write("words.txt", $"{SmallLayout.ClassA}\tfirst", $"{SmallLayout.ClassB} second");
        var e = Assert.Throws<InvalidDataException>(() => Train(layout));
        AssertNamesFileAndLine(e, layout.PathOf("words.txt"), 2);
    }

    [Fact]
    public void Listed_image_missing_on_disk_names_annotation_file_line_and_image()
    {
        using var layout = new SmallLayout();
        string image = layout.PathOf("train", SmallLayout.ClassB, "images", $"{SmallLayout.ClassB}_1.JPEG");
        File.Delete(image);
        var e = Assert.Throws<FileNotFoundException>(() => Train(layout));
        AssertNamesFileAndLine(e, layout.BoxesFile(SmallLayout.ClassB), 2);
        Assert.Contains(image, e.Message);
        Assert.Equal(image, e.FileName);
    }

    [Fact]
    public void Missing_validation_image_names_annotation_file_and_line()
    {
        using var layout = new SmallLayout();
        File.Delete(layout.PathOf("val", "images", "val_3.JPEG"));
        var e = Assert.Throws<FileNotFoundException>(() => Validation(layout));
        AssertNamesFileAndLine(e, layout.ValAnnotations, 4);
    }

    [Fact]
    public void Missing_images_are_accepted_when_verification_is_off()
    {
        using var layout = new SmallLayout();
        Directory.Delete(layout.PathOf("train", SmallLayout.ClassA, "images"), recursive: true);
        Assert.Equal(6, Train(layout, new TinyImageNetOptions { VerifyImagesExist = false }).Count);
    }

    [Theory]
    [InlineData("n0000001_0.JPEG\t1\t2\t3", "expected 5 TAB-separated fields")]
    [InlineData("n0000001_0.JPEG\t1\t2\t3\t4\t5", "expected 5 TAB-separated fields")]
    [InlineData("n0000001_0.JPEG 1 2 3 4", "expected 5 TAB-separated fields")]
    [InlineData("n0000001_0.JPEG\t1\tx\t3\t4", "expected an integer ymin")]
    [InlineData("n0000001_0.JPEG\t1\t2\t3.5\t4", "expected an integer xmax")]
    [InlineData("n0000001_0.JPEG\t1\t2\t3\t", "expected an integer ymax")]
    [InlineData("\t1\t2\t3\t4", "expected an image file name")]
    [InlineData("../n0000001_0.JPEG\t1\t2\t3\t4", "expected an image file name")]
    public void Malformed_train_line_names_file_line_and_expectation(string badLine, string expected)
    {
        using var layout = new SmallLayout();
        layout.Write(["train", SmallLayout.ClassA, $"{SmallLayout.ClassA}_boxes.txt"],
            "n0000001_1.JPEG\t1\t2\t3\t4", "n0000001_2.JPEG\t1\t2\t3\t4", badLine);
        var e = Assert.Throws<InvalidDataException>(() => Train(layout));
        AssertNamesFileAndLine(e, layout.BoxesFile(SmallLayout.ClassA), 3);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("-1\t2\t3\t4", "non-negative xmin")]
    [InlineData("1\t-2\t3\t4", "non-negative ymin")]
    [InlineData("5\t2\t3\t4", "xmin <= xmax")]
    [InlineData("1\t9\t3\t4", "ymin <= ymax")]
    [InlineData("1\t2\t64\t4", "at most 63")]
    [InlineData("1\t2\t3\t64", "at most 63")]
    [InlineData("1\t2\t3\t99999999999", "expected an integer ymax")]
    public void Out_of_range_train_box_names_file_line_and_expectation(string box, string expected)
    {
        using var layout = new SmallLayout();
        layout.Write(["train", SmallLayout.ClassB, $"{SmallLayout.ClassB}_boxes.txt"],
            "n0000002_0.JPEG\t0\t0\t63\t63", $"n0000002_1.JPEG\t{box}");
        var e = Assert.Throws<InvalidDataException>(() => Train(layout));
        AssertNamesFileAndLine(e, layout.BoxesFile(SmallLayout.ClassB), 2);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Larger_image_size_option_accepts_boxes_beyond_64()
    {
        using var layout = new SmallLayout();
        layout.Write(["train", SmallLayout.ClassB, $"{SmallLayout.ClassB}_boxes.txt"], "n0000002_0.JPEG\t0\t0\t100\t127");
        var rows = Train(layout, new TinyImageNetOptions { ImageSize = 128 });
        Assert.Equal(127, rows.Single(r => r.Label == SmallLayout.ClassB).YMax);
    }

    [Theory]
    [InlineData("val_1.JPEG\tn0000001\t1\t2\t3", "expected 6 TAB-separated fields")]
    [InlineData("val_1.JPEG\t1\t2\t3\t4\t5", "unknown wnid '1'")]
    [InlineData("val_1.JPEG\tn0000009\t1\t2\t3\t4", "unknown wnid 'n0000009'")]
    [InlineData("val_1.JPEG\tn0000001\t1\t2\t3\tfour", "expected an integer ymax")]
    [InlineData("val_1.JPEG\tn0000001\t1\t2\t70\t4", "at most 63")]
    [InlineData("val_1.JPEG\t\t1\t2\t3\t4", "expected a class id")]
    [InlineData("val_0.JPEG\tn0000001\t1\t2\t3\t4", "already annotated on line 1")]
    public void Malformed_validation_line_names_file_line_and_expectation(string badLine, string expected)
    {
        using var layout = new SmallLayout();
        layout.Write(["val", "val_annotations.txt"], "val_0.JPEG\tn0000001\t1\t2\t3\t4", "", badLine);
        var e = Assert.Throws<InvalidDataException>(() => Validation(layout));
        AssertNamesFileAndLine(e, layout.ValAnnotations, 3);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Unknown_validation_wnid_is_an_error_even_with_a_class_subset()
    {
        using var layout = new SmallLayout();
        layout.Write(["val", "val_annotations.txt"], "val_0.JPEG\tn0000001\t1\t2\t3\t4", "val_1.JPEG\tn7777777\t1\t2\t3\t4");
        var e = Assert.Throws<InvalidDataException>(() =>
            Validation(layout, new TinyImageNetOptions { Classes = [SmallLayout.ClassA] }));
        AssertNamesFileAndLine(e, layout.ValAnnotations, 2);
        Assert.Contains("n7777777", e.Message);
    }

    [Fact]
    public void Duplicate_train_image_names_both_lines()
    {
        using var layout = new SmallLayout();
        layout.Write(["train", SmallLayout.ClassA, $"{SmallLayout.ClassA}_boxes.txt"],
            "n0000001_0.JPEG\t1\t2\t3\t4", "n0000001_1.JPEG\t1\t2\t3\t4", "n0000001_0.JPEG\t1\t2\t3\t4");
        var e = Assert.Throws<InvalidDataException>(() => Train(layout));
        AssertNamesFileAndLine(e, layout.BoxesFile(SmallLayout.ClassA), 3);
        Assert.Contains("line 1", e.Message);
    }

    [Fact]
    public void Class_folder_without_boxes_file_names_the_expected_file()
    {
        using var layout = new SmallLayout();
        File.Delete(layout.BoxesFile(SmallLayout.ClassB));
        var e = Assert.Throws<FileNotFoundException>(() => Train(layout));
        Assert.Contains(layout.BoxesFile(SmallLayout.ClassB), e.Message);
        Assert.Equal(layout.BoxesFile(SmallLayout.ClassB), e.FileName);
    }

    [Fact]
    public void Missing_class_folder_names_it()
    {
        using var layout = new SmallLayout();
        Directory.Delete(layout.PathOf("train", SmallLayout.ClassB), recursive: true);
        var e = Assert.Throws<DirectoryNotFoundException>(() => Train(layout));
        Assert.Contains(layout.PathOf("train", SmallLayout.ClassB), e.Message);
    }

    [Fact]
    public void Missing_validation_annotations_names_the_expected_file()
    {
        using var layout = new SmallLayout();
        File.Delete(layout.ValAnnotations);
        var e = Assert.Throws<FileNotFoundException>(() => Validation(layout));
        Assert.Contains(layout.ValAnnotations, e.Message);
    }

    [Fact]
    public void Empty_annotation_files_are_invalid_data_rather_than_an_empty_view()
    {
        using var layout = new SmallLayout();
        layout.Write(["val", "val_annotations.txt"]);
        var e = Assert.Throws<InvalidDataException>(() => Validation(layout));
        Assert.Contains(layout.ValAnnotations, e.Message);
    }

    [Fact]
    public void Unknown_wnid_in_class_subset_is_an_argument_exception_naming_it()
    {
        using var layout = new SmallLayout();
        var e = Assert.Throws<ArgumentException>(() =>
            Train(layout, new TinyImageNetOptions { Classes = [SmallLayout.ClassA, "n1234567"] }));
        Assert.Contains("n1234567", e.Message);
    }

    [Fact]
    public void Invalid_options_are_argument_exceptions()
    {
        using var layout = new SmallLayout();
        Assert.Throws<ArgumentOutOfRangeException>(() => Train(layout, new TinyImageNetOptions { MaxImagesPerClass = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Train(layout, new TinyImageNetOptions { ImageSize = 0 }));
        Assert.Throws<ArgumentException>(() => Train(layout, new TinyImageNetOptions { Classes = [] }));
        Assert.Throws<ArgumentException>(() =>
            Train(layout, new TinyImageNetOptions { Classes = [SmallLayout.ClassA, SmallLayout.ClassA] }));
    }

    [Fact]
    public void Crlf_line_ends_and_blank_lines_are_accepted()
    {
        using var layout = new SmallLayout();
        File.WriteAllText(layout.BoxesFile(SmallLayout.ClassA),
            "n0000001_0.JPEG\t1\t2\t3\t4\r\n\r\nn0000001_1.JPEG\t5\t6\t7\t8\r\n");
        var rows = Train(layout).Where(r => r.Label == SmallLayout.ClassA).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Equal((5, 6, 7, 8), (rows[1].XMin, rows[1].YMin, rows[1].XMax, rows[1].YMax));
    }
}
