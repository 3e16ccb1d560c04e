using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Benchmarks;

/// <summary>An in-memory IDataView of random planar 3 x H x W images, as ExtractPixels would produce them.</summary>
internal static class InMemoryImages
{
    public const string PixelColumn = "Pixels";

    public static IDataView Create(MLContext ml, int count, int side, int seed)
    {
        var random = new Random(seed);
        var rows = new List<ImageRow>(count);
        for (int i = 0; i < count; i++)
        {
            var pixels = new float[3 * side * side];
            for (int j = 0; j < pixels.Length; j++)
                pixels[j] = random.Next(256);
            rows.Add(new ImageRow { Pixels = pixels });
        }
        // The schema definition gives the column its [VectorType(3, H, W)] shape for a size chosen at run time.
        var definition = SchemaDefinition.Create(typeof(ImageRow));
        definition[nameof(ImageRow.Pixels)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 3, side, side);
        return ml.Data.LoadFromEnumerable(rows, definition);
    }

    /// <summary>Seconds to read every row's pixels once (what a trainer's loader does per row, without the batch copy).</summary>
    public static double ReadAllSeconds(IDataView data)
    {
        var column = data.Schema[PixelColumn];
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        using (var cursor = data.GetRowCursor(new[] { column }))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> buffer = default;
            while (cursor.MoveNext())
                getter(ref buffer);
        }
        return System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private sealed class ImageRow
    {
        public float[] Pixels { get; set; } = Array.Empty<float>();
    }
}
