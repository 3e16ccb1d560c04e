
using HideAndSeek.GapClassifier;

namespace HideAndSeek.Benchmarks;

/// <summary>One epoch of an end-to-end run: the trainer's report, the wall time since the previous epoch ended, and memory.</summary>
/// <param name="Report">What GapClassifierTrainer reported.</param>
/// <param name="WallSeconds">Seconds since the previous epoch's callback (since Fit started for the first epoch).</param>
/// <param name="ResidentBytes">Process RSS right after the epoch.</param>
/// <param name="ManagedBytes">GC heap size right after the epoch (no collection forced).</param>
/// <param name="StepSeconds">
/// Seconds between consecutive steps of the epoch (the trainer's per-step log messages): one full cycle each, waiting
/// for the batch included. The first step (no predecessor) and the last (a partial batch) are left out.
/// </param>
/// <param name="CpuSeconds">Process CPU seconds (all threads) over the same span as <paramref name="WallSeconds"/>.</param>
internal sealed record EpochObservation(EpochReport Report, double WallSeconds, long ResidentBytes, long ManagedBytes,
    IReadOnlyList<double> StepSeconds, double CpuSeconds)
{
    /// <summary>Cores this process kept busy on average during the epoch.</summary>
    public double CoresUsed => CpuSeconds / WallSeconds;
}
