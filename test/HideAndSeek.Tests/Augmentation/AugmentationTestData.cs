using HideAndSeek.Augmentation;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.Augmentation;

/// <summary>Small helpers for the augmentation tests: option sets, fitted models, reads with row ids, reference images.</summary>
internal static class AugmentationTestData
{
    public static MLContext Ml() => new(seed: 1);

    /// <summary>Options that change nothing, to switch on one step at a time.</summary>
    public static ImageAugmentationOptions Nothing(Action<ImageAugmentationOptions>? change = null)
    {
        var options = ImageAugmentationOptions.FromPreset(AugmentationPreset.None);
        change?.Invoke(options);
        return options;
    }

    /// <summary>Images whose pixel j holds j + 1 (every value distinct within an image, exactly representable).</summary>
    public static List<PixelData.ImageRow> Ramps(int count, int channels, int height, int width) =>
        Enumerable.Range(0, count).Select(i => new PixelData.ImageRow
        {
            Pixels = Enumerable.Range(0, channels * height * width).Select(j => j + 1f).ToArray(),
            Label = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();

    public static (ImageAugmentationTransformer Model, IDataView Data) Fit(ImageAugmentationOptions options, List<PixelData.ImageRow> rows,
        int channels, int height, int width)
    {
        var ml = Ml();
        var data = PixelData.Create(ml, rows, channels, height, width);
        return (ml.Transforms.AugmentImages(options).Fit(data), data);
    }

    /// <summary>Reads a column together with the row ids that the draws depend on.</summary>
    public static List<(DataViewRowId Id, float[] Pixels)> ReadWithIds(IDataView view, string column = "Pixels")
    {
        var col = view.Schema[column];
        var result = new List<(DataViewRowId, float[])>();
        using var cursor = view.GetRowCursor(new[] { col });
        var getter = cursor.GetGetter<VBuffer<float>>(col);
        var idGetter = cursor.GetIdGetter();
        VBuffer<float> buffer = default;
        DataViewRowId id = default;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            idGetter(ref id);
            result.Add((id, buffer.DenseValues().ToArray()));
        }
        return result;
    }

    /// <summary>The image mirrored left-right and/or top-bottom (a reference independent of the augmenter).</summary>
    public static float[] Mirror(float[] image, int channels, int height, int width, bool horizontal, bool vertical)
    {
        var result = new float[image.Length];
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    int sy = vertical ? height - 1 - y : y, sx = horizontal ? width - 1 - x : x;
                    result[(c * height + y) * width + x] = image[(c * height + sy) * width + sx];
                }
            }
        }

        return result;
    }

    public static float At(float[] image, int height, int width, int c, int y, int x) => image[(c * height + y) * width + x];
}
