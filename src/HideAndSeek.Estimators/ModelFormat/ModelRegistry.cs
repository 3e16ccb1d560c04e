using System.Collections.Concurrent;

namespace HideAndSeek.ModelFormat;

/// <summary>
/// Process-wide table of the model runtimes alive in this process, keyed by model id. A model loaded from a zip carries
/// its weights as a payload that custom mappings receive only while the runtime is not alive here, so the bytes are
/// deserialised once per live model instead of being copied into every row. The table holds runtimes weakly: it never
/// keeps a model alive; what users hold (a fitted transformer, a loaded chain's mappings) does.
/// </summary>
internal static class ModelRegistry
{
    private static readonly ConcurrentDictionary<string, WeakReference<ModelRuntime>> Models = new(StringComparer.Ordinal);

    // Deserialisations are rare and costly: one at a time, so concurrent first rows share one.
    private static readonly object DeserializeLock = new();

    /// <summary>Registers a runtime created in this process (a freshly trained model).</summary>
    public static void Register(ModelRuntime runtime)
    {
        PruneDead();
        Models[runtime.ModelId] = new WeakReference<ModelRuntime>(runtime);
    }

    /// <summary>Forgets <paramref name="runtime"/> (released), unless its id now names another runtime.</summary>
    public static void Unregister(ModelRuntime runtime)
    {
        if (Models.TryGetValue(runtime.ModelId, out var entry) && entry.TryGetTarget(out var target) && ReferenceEquals(target, runtime))
            Models.TryRemove(new KeyValuePair<string, WeakReference<ModelRuntime>>(runtime.ModelId, entry));
    }

    /// <summary>Whether a usable runtime of <paramref name="modelId"/> is alive.</summary>
    public static bool Contains(string modelId) => TryGetLive(modelId) is not null;

    /// <summary>The usable runtime of <paramref name="modelId"/>, or null (never loaded, collected or released).</summary>
    public static ModelRuntime? TryGetLive(string modelId) =>
        Models.TryGetValue(modelId, out var entry) && entry.TryGetTarget(out var runtime) && !runtime.IsReleased ? runtime : null;

    /// <summary>The usable runtime of <paramref name="modelId"/> if it is a <typeparamref name="T"/>, or null.</summary>
    public static T? TryGet<T>(string modelId) where T : ModelRuntime => TryGetLive(modelId) as T;

    /// <summary>
    /// A lease on the runtime of <paramref name="modelId"/>, deserialising <paramref name="payload"/> when none is alive.
    /// </summary>
    public static ModelLease Lease<T>(string modelId, byte[] payload, Func<byte[], T> deserialize) where T : ModelRuntime
    {
        if (TryLeaseLive(modelId) is { } lease)
            return lease;
        if (payload.Length == 0)
        {
            throw new InvalidOperationException(
                $"The weights of model '{modelId}' were not delivered with the row and are not loaded in this process. " +
                "The model zip is incomplete or was produced by an incompatible version of HideAndSeek.NET.");
        }
        lock (DeserializeLock)
        {
            if (TryLeaseLive(modelId) is { } shared)
                return shared;
            var runtime = deserialize(payload);
            var fresh = runtime.TryLease()!;
            Register(runtime);
            return fresh;
        }
    }

    /// <summary>Casts a resolved runtime, explaining a mismatch.</summary>
    public static T Cast<T>(ModelRuntime runtime) where T : ModelRuntime =>
        runtime as T ?? throw new InvalidOperationException(
            $"Model '{runtime.ModelId}' is a {runtime.GetType().Name}, not a {typeof(T).Name}: the zip pairs components that do not belong together.");

    private static ModelLease? TryLeaseLive(string modelId) => TryGetLive(modelId)?.TryLease();

    private static void PruneDead()
    {
        foreach (var entry in Models)
        {
            if (!entry.Value.TryGetTarget(out _))
                Models.TryRemove(entry);
        }
    }
}
