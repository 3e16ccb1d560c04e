using HideAndSeek.Data.Voc;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.Data.Voc;

public class VocAnnotationTests
{
    private static readonly MLContext Ml = new(1);

    private static string Xml(string fileName, string objects, string size = "") =>
        $"""
        <annotation>
          <folder>x</folder>
          <filename>{fileName}</filename>{size}
        {objects}
        </annotation>
        """;

    private static string Object(string name, int xmin, int ymin, int xmax, int ymax) =>
        $"  <object><name>{name}</name><bndbox><xmin>{xmin}</xmin><ymin>{ymin}</ymin><xmax>{xmax}</xmax><ymax>{ymax}</ymax></bndbox></object>";

    [Fact]
    public void Boxes_become_zero_based_one_per_object_labelled_by_the_first_object()
    {
        using var dir = new TempDirectory();
        TestImages.Write(dir.Combine("images", "b.jpg"), 37, 23);
        TestImages.Write(dir.Combine("images", "n01_7.JPEG"), 20, 30, grey: true);
        Directory.CreateDirectory(dir.Combine("xml"));
        File.WriteAllText(dir.Combine("xml", "b.xml"), Xml("b.jpg",
            Object("cat", 1, 1, 37, 23) + "\n" + Object("dog", 5, 6, 7, 8), "<size><width>37</width><height>23</height><depth>3</depth></size>"));
        // ImageNet leaves out the extension.
        File.WriteAllText(dir.Combine("xml", "a.xml"), Xml("n01_7", Object("n01", 2, 3, 20, 30)));

        var view = Ml.Data.LoadVocAnnotations(dir.Combine("xml"), dir.Combine("images"));
        Assert.Equal(["ImagePath", "Label", "LabelName", "Box"], view.Schema.Select(c => c.Name));
        Assert.Equal([dir.Combine("images", "n01_7.JPEG"), dir.Combine("images", "b.jpg")], view.GetColumn<string>("ImagePath"));
        Assert.Equal(["n01", "cat"], view.GetColumn<string>("Label"));
        var boxes = view.GetColumn<float[]>("Box").ToArray();
        Assert.Equal([1f, 2, 19, 29], boxes[0]);
        Assert.Equal([0f, 0, 36, 22, 4, 5, 6, 7], boxes[1]);

        var labelled = Ml.Data.LoadVocAnnotations(dir.Combine("xml"), dir.Combine("images"), new VocAnnotationOptions { Label = "pet" });
        Assert.Equal(["pet", "pet"], labelled.GetColumn<string>("Label"));
        // Taken as 0-based, the 1-based right edge lies one pixel outside the photo.
        var e = Assert.Throws<InvalidDataException>(() => Ml.Data.LoadVocAnnotations(dir.Combine("xml"), dir.Combine("images"),
            new VocAnnotationOptions { OneBasedCoordinates = false }));
        Assert.StartsWith(dir.Combine("xml", "a.xml") + ", line 4: expected the box (2, 3, 20, 30) inside the 20 x 30 image", e.Message);
    }

    [Theory]
    [InlineData("<annotation><filename>b.jpg</filename>\n<object><name>cat</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>38</xmax><ymax>2</ymax></bndbox></object></annotation>", 2, "inside the 37 x 23 image")]
    [InlineData("<annotation><filename>b.jpg</filename>\n<object><name>cat</name>\n<bndbox><xmin>0</xmin><ymin>1</ymin><xmax>3</xmax><ymax>2</ymax></bndbox></object></annotation>", 3, "at least 1 (1-based")]
    [InlineData("<annotation><filename>b.jpg</filename>\n<object><name>cat</name>\n<bndbox><xmin>5</xmin><ymin>1</ymin><xmax>3</xmax><ymax>2</ymax></bndbox></object></annotation>", 3, "xmin <= xmax")]
    [InlineData("<annotation><filename>b.jpg</filename>\n<object><name>cat</name>\n<bndbox><xmin>1.5</xmin><ymin>1</ymin><xmax>3</xmax><ymax>2</ymax></bndbox></object></annotation>", 3, "whole number <xmin>")]
    [InlineData("<annotation><filename>b.jpg</filename>\n<object><name>cat</name>\n<bndbox><ymin>1</ymin><xmax>3</xmax><ymax>2</ymax></bndbox></object></annotation>", 3, "whole number <xmin>")]
    [InlineData("<annotation>\n<filename>b.jpg</filename></annotation>", 1, "at least one <object>")]
    [InlineData("<annotation>\n<object><name>cat</name></object></annotation>", 1, "image file name in <filename>")]
    [InlineData("<annotation>\n<filename>b.jpg</filename>\n<object>", 3, "well-formed XML")]
    [InlineData("<annotation><filename>b.jpg</filename><size><width>36</width><height>23</height></size>\n<object><name>cat</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>3</xmax><ymax>2</ymax></bndbox></object></annotation>", 1, "<size> 36 x 23")]
    public void A_bad_annotation_is_an_error_naming_the_file_and_line(string xml, int line, string expected)
    {
        using var dir = new TempDirectory();
        TestImages.Write(dir.Combine("b.jpg"), 37, 23);
        File.WriteAllText(dir.Combine("b.xml"), xml);
        var e = Assert.Throws<InvalidDataException>(() => Ml.Data.LoadVocAnnotations(dir.Path, dir.Path));
        Assert.StartsWith($"{dir.Combine("b.xml")}, line {line}: expected", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_missing_image_is_an_error_naming_the_xml_or_skipped_on_request()
    {
        using var dir = new TempDirectory();
        TestImages.Write(dir.Combine("b.jpg"), 37, 23);
        File.WriteAllText(dir.Combine("a.xml"), Xml("gone.jpg", Object("cat", 1, 1, 2, 2)));
        File.WriteAllText(dir.Combine("b.xml"), Xml("b.jpg", Object("cat", 1, 1, 2, 2)));
        var e = Assert.Throws<FileNotFoundException>(() => Ml.Data.LoadVocAnnotations(dir.Path, dir.Path));
        Assert.StartsWith(dir.Combine("a.xml") + ", line 3:", e.Message);
        var skipped = new List<string>();
        var view = Ml.Data.LoadVocAnnotations(dir.Path, dir.Path, new VocAnnotationOptions { SkipBadImages = true, BadImageSkipped = b => skipped.Add(b.Path) });
        Assert.Equal([dir.Combine("b.jpg")], view.GetColumn<string>("ImagePath"));
        Assert.Equal([dir.Combine("gone.jpg")], skipped);
    }
}
