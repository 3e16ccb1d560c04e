namespace HideAndSeek.ModelFormat;

/// <summary>
/// The runtime one custom mapping of a surrogate chain scores with. ML.NET calls a factory's <c>GetMapping</c> once per
/// transformer it creates or loads and keeps the delegate, so a binding captured by that delegate lives exactly as
/// long as the transformer: it takes a lease on the runtime it first resolves and keeps it (a loaded zip's model lives
/// while the loaded chain is reachable, and is collected with it). A fitted transformer's own chain is bound to the
/// transformer's lease instead, so disposing the transformer makes its chain throw.
/// </summary>
internal sealed class ModelBinding
{
    private ModelLease? _lease;

    public ModelBinding(ModelLease? lease = null) => _lease = lease;

    /// <summary>The runtime of <paramref name="modelId"/>, resolved (and leased) on first use.</summary>
    public T Resolve<T>(string modelId, byte[] payload, Func<byte[], T> deserialize) where T : ModelRuntime
    {
        var lease = Volatile.Read(ref _lease);
        if (lease is null || lease.ModelId != modelId)
        {
            // Two rows racing here take two leases on one runtime; the extra one only delays its release.
            lease = ModelRegistry.Lease(modelId, payload, deserialize);
            Volatile.Write(ref _lease, lease);
        }
        return ModelRegistry.Cast<T>(lease.Runtime);
    }
}
