using HideAndSeek.ModelFormat;
using System.Globalization;
using System.Text.Json;

namespace HideAndSeek.GapClassifier;

/// <summary>
/// Everything needed to continue a training run where it stopped: weights, momentum buffers, the metrics so far and
/// the early-stopping state, at the end of an epoch or in the middle of one (then also how far the epoch got and the
/// state of torch's random generator, so the resumed run takes the very steps the uninterrupted one would). Written
/// atomically (temporary file, then rename) so an interrupted write never replaces a good checkpoint with a broken one.
/// </summary>
internal sealed class TrainingCheckpoint
{
    private const string Kind = "GapClassifierCheckpoint";
    private const int Version = 2; // 2: mid-epoch checkpoints

    private const string Prefix = "checkpoint-epoch-";
    private const string Extension = ".ckpt";

    public required int CompletedEpochs { get; init; }

    public required NetworkDescription Description { get; init; }

    public required byte[] NetworkState { get; init; }

    public required byte[] OptimizerState { get; init; }

    public required List<EpochReport> History { get; init; }

    public required long Steps { get; init; }

    public double BestValidationAccuracy { get; init; } = double.NegativeInfinity;

    public int EpochsWithoutImprovement { get; init; }

    public byte[]? BestNetworkState { get; init; }

    /// <summary>Early stopping ended the run after <see cref="CompletedEpochs"/>: a resumed run trains no further.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>The unfinished epoch after <see cref="CompletedEpochs"/>, or null at an epoch's end.</summary>
    public EpochProgress? InProgress { get; init; }

    /// <summary>torch's global generator state at the checkpoint (dropout); null at an epoch's end.</summary>
    public byte[]? RandomState { get; init; }

    /// <summary>Steps into the unfinished epoch (0 at an epoch's end): with the epochs, what orders checkpoints.</summary>
    public long StepsInEpoch => InProgress?.Steps ?? 0;

    public string Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var payload = new ModelPayload(Kind, Version)
            .SetText("epochs", CompletedEpochs.ToString(CultureInfo.InvariantCulture))
            .SetText("steps", Steps.ToString(CultureInfo.InvariantCulture))
            .SetText("network", ModelJson.Serialize(Description))
            .Set("weights", NetworkState)
            .Set("optimizer", OptimizerState)
            .SetText("history", ModelJson.Serialize(History))
            .SetText("best", BestValidationAccuracy.ToString("R", CultureInfo.InvariantCulture))
            .SetText("patience", EpochsWithoutImprovement.ToString(CultureInfo.InvariantCulture));
        if (BestNetworkState is not null)
            payload.Set("bestWeights", BestNetworkState);
        if (StoppedEarly)
            payload.SetText("stopped", "true"); // absent otherwise: other checkpoints read as before
        if (InProgress is not null)
            payload.SetText("progress", ModelJson.Serialize(InProgress));
        if (RandomState is not null)
            payload.Set("random", RandomState);
        string path = Path.Combine(directory, FileName(CompletedEpochs, StepsInEpoch));
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, payload.ToBytes());
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    public static TrainingCheckpoint Load(string path)
    {
        ModelPayload payload;
        try
        {
            payload = ModelPayload.Parse(File.ReadAllBytes(path), Kind, Version);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Checkpoint {path}: {e.Message}", e);
        }
        return new TrainingCheckpoint
        {
            CompletedEpochs = int.Parse(payload.GetText("epochs"), CultureInfo.InvariantCulture),
            Steps = long.Parse(payload.GetText("steps"), CultureInfo.InvariantCulture),
            Description = ModelJson.Deserialize<NetworkDescription>(payload.GetText("network"))
                ?? throw new InvalidDataException($"Checkpoint {path} has no network description."),
            NetworkState = payload.Get("weights"),
            OptimizerState = payload.Get("optimizer"),
            History = ModelJson.Deserialize<List<EpochReport>>(payload.GetText("history")) ?? new List<EpochReport>(),
            BestValidationAccuracy = double.Parse(payload.GetText("best"), CultureInfo.InvariantCulture),
            EpochsWithoutImprovement = int.Parse(payload.GetText("patience"), CultureInfo.InvariantCulture),
            BestNetworkState = payload.Has("bestWeights") ? payload.Get("bestWeights") : null,
            StoppedEarly = payload.Has("stopped"),
            InProgress = payload.Has("progress") ? ModelJson.Deserialize<EpochProgress>(payload.GetText("progress")) : null,
            RandomState = payload.Has("random") ? payload.Get("random") : null,
        };
    }

    /// <summary>
    /// checkpoint-epoch-0003.ckpt after three epochs; checkpoint-epoch-0003-step-000120.ckpt 120 steps into the fourth.
    /// </summary>
    private static string FileName(int completedEpochs, long stepsInEpoch) =>
        stepsInEpoch == 0 ? $"{Prefix}{completedEpochs:D4}{Extension}" : $"{Prefix}{completedEpochs:D4}-step-{stepsInEpoch:D6}{Extension}";

    /// <summary>(epochs, steps into the next epoch) from a file name; null for a name this class did not write.</summary>
    private static (int Epochs, long Steps)? Order(string path)
    {
        var match = NamePattern.Match(Path.GetFileName(path));
        if (!match.Success)
            return null;
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
            match.Groups[2].Success ? long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0);
    }

    private static readonly System.Text.RegularExpressions.Regex NamePattern =
        new(@"^checkpoint-epoch-(\d+)(?:-step-(\d+))?\.ckpt$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Checkpoint files in <paramref name="directory"/>, newest (most epochs, then most steps) first.</summary>
    public static IReadOnlyList<string> List(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, Prefix + "*" + Extension)
                .Select(p => (Path: p, Order: Order(p))).Where(p => p.Order is not null)
                .OrderByDescending(p => p.Order!.Value.Epochs).ThenByDescending(p => p.Order!.Value.Steps)
                .Select(p => p.Path).ToList()
            : Array.Empty<string>();

    /// <summary>
    /// The newest checkpoint that reads back whole. Damaged newer files (a truncated copy, a disk error) are reported
    /// through <paramref name="warn"/> and skipped, so the run resumes from the last good epoch.
    /// </summary>
    public static TrainingCheckpoint? LoadLatest(string directory, Action<string> warn)
    {
        foreach (var path in List(directory))
        {
            try
            {
                return Load(path);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or JsonException or FormatException)
            {
                warn($"Skipping damaged checkpoint {path}: {e.Message}");
            }
        }
        return null;
    }

    /// <summary>
    /// Deletes all but the newest <paramref name="keep"/> checkpoints, and mid-epoch checkpoints that an epoch-end one
    /// has superseded.
    /// </summary>
    public static void Prune(string directory, int keep)
    {
        var newestFirst = List(directory);
        int newestEpochEnd = newestFirst.Select(Order).FirstOrDefault(o => o!.Value.Steps == 0)?.Epochs ?? -1;
        foreach (var path in newestFirst.Skip(Math.Max(1, keep)))
            File.Delete(path);
        foreach (var path in newestFirst.Take(Math.Max(1, keep)))
        {
            var order = Order(path)!.Value;
            if (order.Steps > 0 && order.Epochs < newestEpochEnd)
                File.Delete(path);
        }
    }
}
