namespace HideAndSeek.Benchmarks;

/// <summary>
/// Images per second from per-step cycle times: at the median step, and at the fast decile (the undisturbed speed on
/// a machine shared with other work, which only ever slows steps down).
/// </summary>
internal sealed record StepThroughput(double Median, double FastDecile, int Steps)
{
    public static StepThroughput Unknown { get; } = new(double.NaN, double.NaN, 0);

    public static StepThroughput FromSeconds(IReadOnlyList<double> stepSeconds, int batch) =>
        stepSeconds.Count == 0
            ? Unknown
            : new(batch / Timing.Median(stepSeconds), batch / Timing.Percentile(stepSeconds, 0.1), stepSeconds.Count);

    public static StepThroughput FromSeconds(double medianSeconds, double fastDecileSeconds, int batch, int steps) =>
        new(batch / medianSeconds, batch / fastDecileSeconds, steps);
}
