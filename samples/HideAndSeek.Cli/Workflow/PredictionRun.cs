using HideAndSeek.Boxes;
using HideAndSeek.Photos;
using HideAndSeek.Visualization;
using Microsoft.ML;
using Microsoft.ML.Data;
using System.Globalization;
using System.Text;

namespace HideAndSeek.Cli.Workflow;

/// <summary>
/// The predict command: a saved model scores photos of any size in chunks (its own preprocessing resizes them as in
/// training; a chunk with an unreadable photo is scored again one by one) and each photo's class, probability and box in its own pixels go to a CSV; optionally an overlay PNG per
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
        var (model, classNames, networkWidth, networkHeight) = LoadModel(ml, EvaluationRun.ResolveModel(s.Model));
        using var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);

        var output = Path.GetFullPath(s.Output);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        if (s.Overlays is not null)
            Directory.CreateDirectory(s.Overlays);
        // Rows go to a .partial file as they are scored, so an interrupted or failed run keeps what it did; the file
        // gets its name only when every photo was handled.
        string partial = output + ".partial";
        int written = 0, skipped = 0;
        using (var csv = new StreamWriter(partial, append: false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            csv.WriteLine(Header);
            progress?.Start("predicting", photos.Count);
            for (int first = 0; first < photos.Count; first += ChunkSize)
            {
                cancellation.ThrowIfCancellationRequested();
                var chunk = photos.Skip(first).Take(ChunkSize).ToList();
                // The model scores a chunk in batches; a photo that fails breaks the whole chunk's cursor, so such a
                // chunk is scored again one photo at a time to name (or skip) exactly the photos that fail.
                var results = ScoreChunk(ml, model, chunk) ?? ScoreOneByOne(engine, chunk, s.SkipBadImages, log, progress, photos.Count, ref skipped);
                for (int j = 0; j < chunk.Count; j++)
                {
                    if (results[j] is not { } result)
                        continue;
                    int index = first + j;
                    WriteRow(csv, chunk[j], result, classNames, s.Overlays, index, networkWidth, networkHeight);
                    written++;
                }
                csv.Flush();
                progress?.Rows(Math.Min(first + ChunkSize, photos.Count));
            }
            progress?.End();
        }
        File.Move(partial, output, overwrite: true);
        return new Outcome(written, skipped);
    }

    /// <summary>
    /// The model zip, checked for the columns predict writes, with its class names and the network's input size (the
    /// heatmap's).
    /// </summary>
    private static (ITransformer Model, string[] ClassNames, int NetworkWidth, int NetworkHeight) LoadModel(MLContext ml, string zip)
    {
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
        return (model, classNames, pixels.Dimensions[2], pixels.Dimensions[1]);
    }

    /// <summary>Photos scored together: the model's own batching needs many rows per cursor to pay off.</summary>
    internal const int ChunkSize = 64;

    private static List<Output?>? ScoreChunk(MLContext ml, ITransformer model, List<string> chunk)
    {
        try
        {
            var rows = ml.Data.LoadFromEnumerable(chunk.Select(p => new Input { ImagePath = p }).ToList());
            return ml.Data.CreateEnumerable<Output>(model.Transform(rows), reuseRowObject: false).Cast<Output?>().ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return null;
        }
    }

    private static List<Output?> ScoreOneByOne(PredictionEngine<Input, Output> engine, List<string> chunk, bool skipBadImages,
        Action<string> log, RowProgressDisplay? progress, int total, ref int skipped)
    {
        var results = new List<Output?>(chunk.Count);
        var input = new Input();
        foreach (var photo in chunk)
        {
            input.ImagePath = photo;
            try
            {
                results.Add(engine.Predict(input));
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                var reason = Innermost(e).Message;
                if (!skipBadImages)
                    throw new UserError($"cannot predict on '{photo}': {reason} (--skip-bad-images leaves such files out)", e);
                progress?.End();
                log($"skipped '{photo}': {reason}");
                skipped++;
                progress?.Start("predicting", total);
                results.Add(null);
            }
        }
        return results;
    }

    private static void WriteRow(StreamWriter csv, string photo, Output result, string[] classNames, string? overlays, int index,
        int networkWidth, int networkHeight)
    {
        int predicted = (int)result.PredictedLabel - 1;
        string label = predicted >= 0 && predicted < classNames.Length ? classNames[predicted] : "";
        float probability = predicted >= 0 && predicted < result.Score.Length ? result.Score[predicted] : float.NaN;
        var box = BoundingBox.FromFloats(result.PhotoBox);
        int width = (int)result.PhotoGeometry[0], photoHeight = (int)result.PhotoGeometry[1];
        var line = new StringBuilder().Append(Csv(photo)).Append(',').Append(Csv(label)).Append(',')
            .Append(probability.ToString("0.######", CultureInfo.InvariantCulture));
        foreach (int v in new[] { box.XMin, box.YMin, box.XMax, box.YMax, width, photoHeight })
            line.Append(',').Append(v.ToString(CultureInfo.InvariantCulture));
        csv.WriteLine(line.ToString());
        if (overlays is not null)
        {
            var frame = PhotoFrame.FromGeometry(result.PhotoGeometry, networkWidth, networkHeight);
            var name = $"{index:D5}-{Path.GetFileNameWithoutExtension(photo)}.png";
            PhotoOverlay.Write(photo, result.Heatmap, frame, box,
                $"{label} {probability.ToString("P0", CultureInfo.InvariantCulture)}", Path.Combine(overlays, name));
        }
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
