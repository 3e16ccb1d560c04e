namespace HideAndSeek.ModelFormat;

/// <summary>
/// One user's hold on a <see cref="ModelRuntime"/>: while any lease is undisposed the runtime stays usable. Disposing
/// is idempotent; <see cref="Runtime"/> throws <see cref="ObjectDisposedException"/> afterwards, even when other
/// leases keep the runtime itself alive.
/// </summary>
internal sealed class ModelLease : IDisposable
{
    private readonly ModelRuntime _runtime;
    private int _disposed;

    internal ModelLease(ModelRuntime runtime) => _runtime = runtime;

    public string ModelId => _runtime.ModelId;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>The runtime; throws once this lease or the runtime was released.</summary>
    public ModelRuntime Runtime
    {
        get
        {
            if (IsDisposed)
                throw _runtime.Disposed();
            _runtime.ThrowIfReleased();
            return _runtime;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            _runtime.EndLease();
    }
}
