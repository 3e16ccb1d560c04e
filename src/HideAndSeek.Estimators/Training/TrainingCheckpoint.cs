using System.Globalization;
using System.Text.Json;
using HideAndSeek.Persistence;
using HideAndSeek.Prediction;

namespace HideAndSeek.Training;

/// <summary>
/// Everything needed to continue a training run after the last completed epoch: weights, momentum buffers, the
/// metrics so far and the early-stopping state. Written atomically (temporary file, then rename) so an interrupted
/// write never replaces a good checkpoint with a broken one.
/// </summary>
internal sealed class TrainingCheckpoint
{
    private const string Kind = "GapClassifierCheckpoint";
    private const int Version = 1;
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
        string path = Path.Combine(directory, $"{Prefix}{CompletedEpochs:D4}{Extension}");
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
        };
    }

    /// <summary>Checkpoint files in <paramref name="directory"/>, newest first.</summary>
    public static IReadOnlyList<string> List(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, Prefix + "*" + Extension).OrderByDescending(p => p, StringComparer.Ordinal).ToList()
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

    /// <summary>Deletes all but the newest <paramref name="keep"/> checkpoints.</summary>
    public static void Prune(string directory, int keep)
    {
        foreach (var path in List(directory).Skip(Math.Max(1, keep)))
            File.Delete(path);
    }
}
