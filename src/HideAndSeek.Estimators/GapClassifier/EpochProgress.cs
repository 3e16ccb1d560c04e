namespace HideAndSeek.GapClassifier;

/// <summary>
/// How far an unfinished epoch got: what a mid-epoch checkpoint needs so that a resumed run continues with the same
/// next batch and reports the same epoch metrics as a run that was never interrupted.
/// </summary>
/// <param name="Steps">Optimiser steps taken in this epoch.</param>
/// <param name="Rows">Rows of the epoch's cursor consumed by those steps (labelled or not); the resumed cursor skips them.</param>
/// <param name="LossSum">Sum over the images so far of their cross-entropy.</param>
/// <param name="Correct">Images so far classified right.</param>
/// <param name="Images">Images trained on so far.</param>
/// <param name="SkippedRows">Rows without a label met so far.</param>
/// <param name="Seconds">Training time spent in this epoch so far (images per second counts it).</param>
internal sealed record EpochProgress(long Steps, long Rows, double LossSum, long Correct, long Images, long SkippedRows, double Seconds)
{
    public static EpochProgress Start { get; } = new(0, 0, 0, 0, 0, 0, 0);
}
