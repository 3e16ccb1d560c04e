namespace HideAndSeek.ModelFormat;

/// <summary>
/// A trained or deserialised model that scoring runs on, shared by everything in this process that serves the same
/// model id (the fitted transformer, a zip of it loaded here, the transformers restored from that zip). Users hold
/// leases: releasing the last one frees the runtime at once (<see cref="ReleaseResources"/>). The registry holds
/// runtimes weakly, so one nobody references is collected like any object, and what it holds natively is freed by the
/// finalizers of its tensors.
/// </summary>
internal abstract class ModelRuntime
{
    private readonly object _gate = new();
    private int _leases;
    private bool _released;

    protected ModelRuntime(string modelId) => ModelId = modelId;

    public string ModelId { get; }

    /// <summary>The component's name, for messages ("GapClassifier").</summary>
    public abstract string Kind { get; }

    /// <summary>Whether the last lease was released (the runtime can no longer score).</summary>
    public bool IsReleased => Volatile.Read(ref _released);

    /// <summary>A lease that keeps the runtime usable until it is disposed, or null when it was already released.</summary>
    public ModelLease? TryLease()
    {
        lock (_gate)
        {
            if (_released)
                return null;
            _leases++;
        }
        return new ModelLease(this);
    }

    /// <summary>What using a released runtime throws.</summary>
    public ObjectDisposedException Disposed() =>
        new(Kind, $"The {Kind} model '{ModelId}' was disposed: it can no longer score. Load or fit it again.");

    public void ThrowIfReleased()
    {
        if (IsReleased)
            throw Disposed();
    }

    /// <summary>Called once, by the last lease's release: free what the runtime holds (its network's tensors).</summary>
    protected virtual void ReleaseResources()
    {
    }

    internal void EndLease()
    {
        lock (_gate)
        {
            if (--_leases > 0 || _released)
                return;
            _released = true;
        }
        ModelRegistry.Unregister(this);
        ReleaseResources();
    }
}
