namespace HideAndSeek.GapClassifier;

/// <summary>
/// Where a training epoch is after one optimiser step; passed to <see cref="GapClassifierOptions.StepCompleted"/>
/// (progress bars, logs).
/// </summary>
/// <param name="Epoch">Zero-based epoch index.</param>
/// <param name="Epochs">Epochs the run is configured for.</param>
/// <param name="Step">Steps taken in this epoch (1-based: the step just finished).</param>
/// <param name="StepsPerEpoch">Steps an epoch takes, or null when the data's row count is unknown.</param>
/// <param name="Images">Images trained on in this epoch so far.</param>
/// <param name="Loss">Mean cross-entropy over those images.</param>
/// <param name="Accuracy">Top-1 accuracy over those images.</param>
/// <param name="ImagesPerSecond">Training speed in this epoch since the run (re)started.</param>
/// <param name="Elapsed">Training time spent in this epoch, before an interruption included.</param>
public sealed record TrainingProgress(
    int Epoch, int Epochs, long Step, long? StepsPerEpoch, long Images, double Loss, double Accuracy, double ImagesPerSecond,
    TimeSpan Elapsed)
{
    /// <summary>Estimated time to the end of the epoch, or null when the epoch length is unknown.</summary>
    public TimeSpan? EpochRemaining => StepsPerEpoch is long total && Step > 0
        ? TimeSpan.FromSeconds(Elapsed.TotalSeconds / Step * Math.Max(0, total - Step))
        : null;
}
