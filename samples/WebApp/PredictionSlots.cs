namespace HideAndSeek.WebApp;

/// <summary>
/// The bound on predictions running at once (<see cref="ServingLimits.MaxConcurrentPredictions"/>): more requests wait
/// for a slot within their time limit rather than oversubscribe the CPUs.
/// </summary>
internal sealed class PredictionSlots(ServingLimits limits) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(limits.MaxConcurrentPredictions);

    /// <summary>Takes a slot; waits for one until <paramref name="cancellation"/>.</summary>
    /// <exception cref="OperationCanceledException">The wait was cancelled (the time limit, or the client left).</exception>
    public Task TakeAsync(CancellationToken cancellation) => _slots.WaitAsync(cancellation);

    /// <summary>Gives back a slot taken by <see cref="TakeAsync"/>.</summary>
    public void Release() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
