using HideAndSeek.Data.Manifest;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;
using SixLabors.ImageSharp;

namespace HideAndSeek.Tests.Data.Manifest;

/// <summary>The shared photo sets read through the manifest loader agree with their READMEs.</summary>
public class SharedPhotoSetTests
{
    private static readonly MLContext Ml = new(1);

    private static void AssertBoxesInsideAndMasksResolved(IDataView view)
    {
        var paths = view.GetColumn<string>("ImagePath").ToArray();
        var boxes = view.GetColumn<float[]>("Box").ToArray();
        var masks = view.GetColumn<string>("MaskPath").ToArray();
        for (int i = 0; i < paths.Length; i++)
        {
            var info = Image.Identify(paths[i]);
            Assert.True(boxes[i].Length > 0 && boxes[i].Length % 4 == 0, paths[i]);
            for (int b = 0; b < boxes[i].Length; b += 4)
            {
                Assert.InRange(boxes[i][b], 0, boxes[i][b + 2]);
                Assert.InRange(boxes[i][b + 1], 0, boxes[i][b + 3]);
                Assert.True(boxes[i][b + 2] < info.Width && boxes[i][b + 3] < info.Height, paths[i]);
            }
            Assert.True(File.Exists(masks[i]), masks[i]);
            Assert.Equal(Path.GetFileNameWithoutExtension(paths[i]), Path.GetFileNameWithoutExtension(masks[i]));
            Assert.Equal((info.Width, info.Height), (Image.Identify(masks[i]).Width, Image.Identify(masks[i]).Height));
        }
    }

    [RequiresSharedPhotoSetFact("caltech101-24")]
    public void Caltech101_24_has_1053_training_and_448_test_photos_with_boxes_inside_and_masks()
    {
        string manifest = SharedPhotoSet.Manifest("caltech101-24")!;
        var train = Ml.Data.LoadImageManifest(manifest, new ImageManifestOptions { Split = "train" });
        var test = Ml.Data.LoadImageManifest(manifest, new ImageManifestOptions { Split = "test" });
        Assert.Equal(1053, train.GetRowCount());
        Assert.Equal(448, test.GetRowCount());
        Assert.Equal(24, train.GetColumn<string>("Label").Distinct().Count());
        Assert.Equal(["ImagePath", "Label", "LabelName", "Box", "MaskPath"], test.Schema.Select(c => c.Name));
        AssertBoxesInsideAndMasksResolved(test);
    }

    [RequiresSharedPhotoSetFact("pets-3")]
    public void Pets_3_has_419_training_and_179_test_photos_with_head_boxes_where_annotated()
    {
        string manifest = SharedPhotoSet.Manifest("pets-3")!;
        var train = Ml.Data.LoadImageManifest(manifest, new ImageManifestOptions { Split = "train" });
        var test = Ml.Data.LoadImageManifest(manifest, new ImageManifestOptions { Split = "test" });
        Assert.Equal(419, train.GetRowCount());
        Assert.Equal(179, test.GetRowCount());
        Assert.Equal(["ImagePath", "Label", "LabelName", "Box", "MaskPath", "PartBox"], test.Schema.Select(c => c.Name));
        var heads = train.GetColumn<float[]>("PartBox").Concat(test.GetColumn<float[]>("PartBox")).ToArray();
        Assert.Equal(296, heads.Count(h => h.Length == 4));
        Assert.All(heads, h => Assert.True(h.Length is 0 or 4));
        AssertBoxesInsideAndMasksResolved(test);
    }
}
