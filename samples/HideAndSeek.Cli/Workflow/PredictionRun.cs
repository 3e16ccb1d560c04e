using System.Globalization;
using System.Text;
using HideAndSeek.Boxes;
using HideAndSeek.Photos;
using HideAndSeek.Visualization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Cli.Workflow;

/// <summary>
/// The predict command: a saved model scores photos of any size one by one (its own preprocessing resizes them as in
/// training) and each photo's class, probability and box in its own pixels go to a CSV; optionally an overlay PNG per
/// photo at the photo's size.
/// </summary>
internal static class PredictionRun
{
    public const string Header = "image,label,probability,xmin,ymin,xmax,ymax,width,height";

    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp"];

    public sealed record Settings(string Model, IReadOnlyList<string> Inputs, string Output, string? Overlays, bool SkipBadImages);

    public sealed record Outcome(int Written, int Skipped);

    public static Outcome Run(Settings s, Action<string> log, RowProgressDisplay? progress = null, CancellationToken cancellation = default)
    {
        var photos = ListPhotos(s.Inputs);
        var ml = new MLContext(seed: 1);
        string zip = EvaluationRun.ResolveModel(s.Model);
        ITransformer model;
        try
        {
            model = ml.Model.Load(zip, out _);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new UserError($"cannot load model '{zip}': {e.Message}", e);
        }
        // The model starts with the label's MapValueToKey: an empty label is a missing key (no ground truth).
        var empty = ml.Data.LoadFromEnumerable(Array.Empty<Input>());
        var schema = model.GetOutputSchema(empty.Schema);
        foreach (var column in new[] { "PhotoBox", "PhotoGeometry", "Heatmap", "Score", "PredictedLabel" })
        {
            if (schema.GetColumnOrNull(column) is null)
                throw new UserError($"model '{zip}' writes no {column} column: it was saved before photo boxes existed, or without a localiser; train it again");
        }
        var classNames = ClassNames(schema["PredictedLabel"]);
        // The network's input size, from the model's own pixel column: the heatmap has that size.
        if (schema.GetColumnOrNull("Pixels")?.Type is not VectorDataViewType { Dimensions.Length: 3 } pixels)
            throw new UserError($"model '{zip}' writes no 3 x H x W Pixels column; it was not written by 'train'");
        int networkHeight = pixels.Dimensions[1], networkWidth = pixels.Dimensions[2];
        using var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);

        var output = Path.GetFullPath(s.Output);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        if (s.Overlays is not null)
            Directory.CreateDirectory(s.Overlays);
        var csv = new StringBuilder(Header).Append('\n');
        int written = 0, skipped = 0;
        progress?.Start("predicting", photos.Count);
        var input = new Input();
        for (int i = 0; i < photos.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            input.ImagePath = photos[i];
            Output result;
            try
            {
                result = engine.Predict(input);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                var reason = Innermost(e).Message;
                if (!s.SkipBadImages)
                    throw new UserError($"cannot predict on '{photos[i]}': {reason} (--skip-bad-images leaves such files out)", e);
                progress?.End();
                log($"skipped '{photos[i]}': {reason}");
                skipped++;
                progress?.Start("predicting", photos.Count);
                continue;
            }
            int predicted = (int)result.PredictedLabel - 1;
            string label = predicted >= 0 && predicted < classNames.Length ? classNames[predicted] : "";
            float probability = predicted >= 0 && predicted < result.Score.Length ? result.Score[predicted] : float.NaN;
            var box = BoundingBox.FromFloats(result.PhotoBox);
            int width = (int)result.PhotoGeometry[0], photoHeight = (int)result.PhotoGeometry[1];
            csv.Append(Csv(photos[i])).Append(',').Append(Csv(label)).Append(',')
                .Append(probability.ToString("0.######", CultureInfo.InvariantCulture));
            foreach (int v in new[] { box.XMin, box.YMin, box.XMax, box.YMax, width, photoHeight })
                csv.Append(',').Append(v.ToString(CultureInfo.InvariantCulture));
            csv.Append('\n');
            if (s.Overlays is not null)
            {
                var frame = PhotoFrame.FromGeometry(result.PhotoGeometry, networkWidth, networkHeight);
                var name = $"{i:D5}-{Path.GetFileNameWithoutExtension(photos[i])}.png";
                PhotoOverlay.Write(photos[i], result.Heatmap, frame, box,
                    $"{label} {probability.ToString("P0", CultureInfo.InvariantCulture)}", Path.Combine(s.Overlays, name));
            }
            written++;
            progress?.Rows(i + 1);
        }
        progress?.End();
        File.WriteAllText(output, csv.ToString());
        return new Outcome(written, skipped);
    }

    /// <summary>The files named, and the image files in the folders named (recursively, in ordinal order).</summary>
    internal static List<string> ListPhotos(IReadOnlyList<string> inputs)
    {
        var photos = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                photos.AddRange(Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Select(Path.GetFullPath).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(input))
            {
                photos.Add(Path.GetFullPath(input));
            }
            else
            {
                throw new UserError($"'{input}' is neither an image file nor a folder");
            }
        }
        if (photos.Count == 0)
            throw new UserError("no image files found (" + string.Join(", ", Extensions) + ")");
        return photos;
    }

    private static string[] ClassNames(DataViewSchema.Column predicted)
    {
        VBuffer<ReadOnlyMemory<char>> keys = default;
        predicted.GetKeyValues(ref keys);
        return keys.DenseValues().Select(k => k.ToString()).ToArray();
    }

    /// <summary>RFC 4180 quoting where needed.</summary>
    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
            e = inner;
        return e;
    }

    private sealed class Input
    {
        public string ImagePath { get; set; } = "";

        public string Label { get; set; } = "";
    }

    private sealed class Output
    {
        public float[] PhotoBox { get; set; } = [];

        public float[] PhotoGeometry { get; set; } = [];

        public float[] Heatmap { get; set; } = [];

        public float[] Score { get; set; } = [];

        [KeyType(uint.MaxValue)]
        public uint PredictedLabel { get; set; }
    }
}
