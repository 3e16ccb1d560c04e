namespace HideAndSeek.GapClassifier;

/// <summary>What happened in one training epoch; passed to <see cref="GapClassifierOptions.EpochCompleted"/>.</summary>
/// <param name="Epoch">Zero-based epoch index.</param>
/// <param name="Epochs">Epochs the run is configured for.</param>
/// <param name="Step">Optimiser steps taken so far in the run, this epoch included.</param>
/// <param name="TrainLoss">Mean cross-entropy over this epoch's training images (as they were fed: hidden, augmented).</param>
/// <param name="TrainAccuracy">Top-1 accuracy on those images during the epoch.</param>
/// <param name="ValidationLoss">Mean cross-entropy on the validation set, or null without one.</param>
/// <param name="ValidationAccuracy">Top-1 accuracy on the validation set, or null without one.</param>
/// <param name="ImagesPerSecond">Training images per second over the epoch, data loading included.</param>
/// <param name="LearningRate">The learning rate used in this epoch.</param>
/// <param name="Elapsed">Wall time of the epoch, validation included.</param>
/// <param name="SkippedRows">Rows skipped this epoch because their label was missing.</param>
public sealed record EpochReport(
    int Epoch,
    int Epochs,
    long Step,
    double TrainLoss,
    double TrainAccuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double ImagesPerSecond,
    double LearningRate,
    TimeSpan Elapsed,
    long SkippedRows)
{
    /// <summary>A one-line summary for logs.</summary>
    public override string ToString()
    {
        var text = $"epoch {Epoch + 1}/{Epochs}: loss {TrainLoss:F4} acc {TrainAccuracy:P1}";
        if (ValidationLoss is { } vl && ValidationAccuracy is { } va)
            text += $" | val loss {vl:F4} acc {va:P1}";
        return text + $" | lr {LearningRate:G3} | {ImagesPerSecond:F1} img/s | {Elapsed.TotalSeconds:F1} s";
    }
}
