using HideAndSeek.Data.TinyImageNet;
using Microsoft.ML;

namespace HideAndSeek.Cli.Workflow;

/// <summary>Loads a dataset root in the Tiny ImageNet layout, turning layout errors into one-line user errors.</summary>
internal static class DatasetLoader
{
    public static IDataView Load(MLContext ml, string root, TinyImageNetSplit split, TinyImageNetOptions? options = null)
    {
        if (!Directory.Exists(root))
            throw new UserError($"dataset root '{root}' does not exist (run 'gen-data' for a synthetic one, or download Tiny ImageNet)");
        try
        {
            return ml.Data.LoadTinyImageNet(root, split, options);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or ArgumentException)
        {
            throw new UserError($"dataset root '{root}' is not in the Tiny ImageNet layout: {e.Message}", e);
        }
    }

    /// <summary>
    /// The preprocessing every model uses: the label as a key, decoded JPEGs resized to the network's side, planar
    /// R, G, B floats 0..255.
    /// </summary>
    /// <remarks>
    /// <c>PreparePhotos</c> also keeps each photo's size and the resize mode (PhotoGeometry), so boxes map back to the
    /// photo's pixels; it is saved in model.zip, so test and predict resize as training did.
    /// </remarks>
    public static IEstimator<ITransformer> Preprocessing(MLContext ml, int size,
        HideAndSeek.Photos.PhotoResizing resizing = HideAndSeek.Photos.PhotoResizing.Stretch) =>
        ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.PreparePhotos(size, resizing));

    /// <summary>At most <paramref name="count"/> rows spread evenly over the classes (a shuffled sample when larger).</summary>
    public static IDataView Sample(MLContext ml, IDataView data, int count, int seed)
    {
        long rows = data.GetRowCount() ?? long.MaxValue;
        if (count <= 0 || count >= rows)
            return data;
        return ml.Data.TakeRows(ml.Data.ShuffleRows(data, seed, shufflePoolSize: (int)Math.Min(rows, 100_000)), count);
    }
}
