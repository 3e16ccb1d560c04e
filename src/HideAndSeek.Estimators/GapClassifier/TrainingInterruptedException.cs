namespace HideAndSeek.GapClassifier;

/// <summary>
/// Training was cancelled (<see cref="GapClassifierOptions.CancellationToken"/>) between two steps. When a checkpoint
/// folder is set, the run's state at that step was saved first, and a run with the same folder resumes from it.
/// </summary>
public sealed class TrainingInterruptedException : OperationCanceledException
{
    internal TrainingInterruptedException(int epoch, long step, string? checkpoint, CancellationToken token)
        : base(checkpoint is null
            ? $"GapClassifier: training stopped in epoch {epoch + 1} after step {step}; no checkpoint folder was set, so a new run starts over."
            : $"GapClassifier: training stopped in epoch {epoch + 1} after step {step}; saved to {checkpoint}, and a run with the same checkpoint folder resumes from there.",
            token)
    {
        Epoch = epoch;
        Step = step;
        CheckpointPath = checkpoint;
    }

    /// <summary>Zero-based epoch that was interrupted.</summary>
    public int Epoch { get; }

    /// <summary>Steps of that epoch completed before the stop.</summary>
    public long Step { get; }

    /// <summary>The checkpoint written at the stop, or null without a checkpoint folder.</summary>
    public string? CheckpointPath { get; }
}
