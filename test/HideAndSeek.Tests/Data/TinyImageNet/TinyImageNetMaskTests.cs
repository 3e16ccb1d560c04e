using HideAndSeek.Data.TinyImageNet;
using Microsoft.ML;

namespace HideAndSeek.Tests.Data.TinyImageNet;

/// <summary>The optional object masks (masks/&lt;name&gt;.png beside images/) and the MaskPath column.</summary>
public class TinyImageNetMaskTests
{
    private static void TouchMasks(SmallLayout layout, string wnid)
    {
        // Empty files: the reader must not decode them, only find them.
        for (int i = 0; i < 3; i++)
            layout.Touch("train", wnid, "masks", $"{wnid}_{i}.png");
    }

    private static List<string> MaskColumn(IDataView view)
    {
        var column = view.Schema["MaskPath"];
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        var values = new List<string>();
        ReadOnlyMemory<char> text = default;
        while (cursor.MoveNext())
        {
            getter(ref text);
            values.Add(text.ToString());
        }
        return values;
    }

    [Fact]
    public void A_layout_without_masks_has_no_MaskPath_column_or_value()
    {
        using var layout = new SmallLayout();
        var records = TinyImageNetReader.Read(layout.Root, TinyImageNetSplit.Train);
        Assert.All(records, r => Assert.Null(r.MaskPath));
        var view = new MLContext(1).Data.LoadTinyImageNet(layout.Root, TinyImageNetSplit.Train);
        Assert.Equal(["ImagePath", "Label", "LabelName", "Box"], view.Schema.Select(c => c.Name));
    }

    [Fact]
    public void Masks_beside_the_images_give_every_row_its_mask_path_without_decoding_it()
    {
        using var layout = new SmallLayout();
        TouchMasks(layout, SmallLayout.ClassA);
        TouchMasks(layout, SmallLayout.ClassB);

        var records = TinyImageNetReader.Read(layout.Root, TinyImageNetSplit.Train);
        Assert.All(records, r => Assert.Equal(
            layout.PathOf("train", r.Label, "masks", Path.GetFileNameWithoutExtension(r.ImagePath) + ".png"), r.MaskPath));
        var view = new MLContext(1).Data.LoadTinyImageNet(layout.Root, TinyImageNetSplit.Train);
        Assert.Equal(records.Select(r => r.MaskPath), MaskColumn(view));
        // The validation split has no val/masks folder: no column there.
        Assert.False(new MLContext(1).Data.LoadTinyImageNet(layout.Root, TinyImageNetSplit.Validation).Schema.GetColumnOrNull("MaskPath").HasValue);
    }

    [Fact]
    public void Validation_masks_are_read_from_val_masks()
    {
        using var layout = new SmallLayout();
        for (int i = 0; i < 4; i++)
            layout.Touch("val", "masks", $"val_{i}.png");
        var records = TinyImageNetReader.Read(layout.Root, TinyImageNetSplit.Validation);
        Assert.Equal(Enumerable.Range(0, 4).Select(i => layout.PathOf("val", "masks", $"val_{i}.png")), records.Select(r => r.MaskPath));
        Assert.All(TinyImageNetReader.Read(layout.Root, TinyImageNetSplit.Train), r => Assert.Null(r.MaskPath));
    }

    [Fact]
    public void A_missing_mask_in_a_split_with_masks_names_the_mask_and_the_annotation_line()
    {
        using var layout = new SmallLayout();
        TouchMasks(layout, SmallLayout.ClassA); // class B has none
        var e = Assert.Throws<FileNotFoundException>(() => TinyImageNetReader.Read(layout.Root, TinyImageNetSplit.Train));
        string expected = layout.PathOf("train", SmallLayout.ClassB, "masks", $"{SmallLayout.ClassB}_0.png");
        Assert.Equal(expected, e.FileName);
        Assert.Contains(expected, e.Message);
        Assert.Contains($"{layout.BoxesFile(SmallLayout.ClassB)}, line 1:", e.Message);

        // Without existence checks the path is still given (it is the layout's), and the subset without B is fine.
        var lenient = TinyImageNetReader.Read(layout.Root, TinyImageNetSplit.Train, new TinyImageNetOptions { VerifyImagesExist = false });
        Assert.All(lenient, r => Assert.NotNull(r.MaskPath));
        Assert.Equal(3, TinyImageNetReader.Read(layout.Root, TinyImageNetSplit.Train, new TinyImageNetOptions { Classes = [SmallLayout.ClassA] }).Count);
    }
}
