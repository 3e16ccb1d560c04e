using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.TestSupport;

/// <summary>In-memory images as ExtractPixels would produce them (planar C x H x W floats).</summary>
public static class PixelData
{
    public sealed class ImageRow
    {
        public float[] Pixels { get; set; } = Array.Empty<float>();

        public string Label { get; set; } = "";
    }

    public static IDataView Create(MLContext ml, IEnumerable<ImageRow> rows, int channels, int height, int width) =>
        ml.Data.LoadFromEnumerable(rows.ToList(), Definition(channels, height, width));

    /// <summary>The schema definition <see cref="Create"/> uses, for prediction engines over <see cref="ImageRow"/>.</summary>
    public static SchemaDefinition Definition(int channels, int height, int width)
    {
        var definition = SchemaDefinition.Create(typeof(ImageRow));
        definition[nameof(ImageRow.Pixels)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, channels, height, width);
        return definition;
    }

    /// <summary>Asserts that every image came through unchanged.</summary>
    public static void AssertUntouched(List<ImageRow> rows, List<float[]> actual)
    {
        Xunit.Assert.Equal(rows.Count, actual.Count);
        for (int i = 0; i < rows.Count; i++)
            Xunit.Assert.Equal(rows[i].Pixels, actual[i]);
    }

    /// <summary>
    /// Asserts that every way of scoring a fitted model returns the images unchanged: <c>model.Transform</c> on the
    /// data it was fitted on and on a fresh view of the same rows, a PredictionEngine, and the model saved to a zip and
    /// loaded back, in this process and in a child process.
    /// </summary>
    public static void AssertEveryScoringPathLeavesUntouched(MLContext ml, ITransformer model, IDataView data, List<ImageRow> rows,
        int channels, int height, int width)
    {
        AssertUntouched(rows, ReadPixels(model.Transform(data)));
        AssertUntouched(rows, ReadPixels(model.Transform(Create(ml, rows, channels, height, width))));
        var engine = ml.Model.CreatePredictionEngine<ImageRow, ImageRow>(model, inputSchemaDefinition: Definition(channels, height, width));
        foreach (var row in rows)
            Xunit.Assert.Equal(row.Pixels, engine.Predict(row).Pixels);
        using var dir = new TempDirectory();
        ml.Model.Save(model, data.Schema, dir.File("model.zip"));
        var loaded = ml.Model.Load(dir.File("model.zip"), out _);
        AssertUntouched(rows, ReadPixels(loaded.Transform(data)));
        AssertUntouched(rows, ReadPixels(TestProcess.TransformInChild(ml, model, data, dir.Combine("child"))));
    }

    /// <summary>All images' values in one array, for whole-dataset comparisons.</summary>
    public static float[] Flatten(List<float[]> images) => images.SelectMany(i => i).ToArray();

    /// <summary>
    /// Images whose every pixel value is distinct from typical fill values (1000 + index + 100000 * image); the label is
    /// the image index.
    /// </summary>
    public static List<ImageRow> Distinct(int count, int channels, int height, int width) =>
        Enumerable.Range(0, count).Select(i => new ImageRow
        {
            Pixels = Enumerable.Range(0, channels * height * width).Select(j => 1000f + j + 100000f * i).ToArray(),
            Label = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();

    /// <summary>Random images in [0, 255] from a seeded generator.</summary>
    public static List<ImageRow> Random(int count, int channels, int height, int width, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new ImageRow
        {
            Pixels = Enumerable.Range(0, channels * height * width).Select(_ => (float)random.Next(256)).ToArray(),
            Label = (i % 3).ToString(),
        }).ToList();
    }

    public static List<float[]> ReadPixels(IDataView data, string column = "Pixels") =>
        data.GetColumn<float[]>(column).ToList();
}
