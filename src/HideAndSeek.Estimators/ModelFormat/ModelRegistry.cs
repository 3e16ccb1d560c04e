using System.Collections.Concurrent;

namespace HideAndSeek.ModelFormat;

/// <summary>
/// Process-wide table of deserialised model runtimes keyed by model id. A model loaded from a zip carries its weights
/// as a payload that custom mappings receive only until the runtime is registered here, so the bytes are deserialised
/// once per process instead of being copied into every row.
/// </summary>
internal static class ModelRegistry
{
    private static readonly ConcurrentDictionary<string, Lazy<object>> Models = new(StringComparer.Ordinal);

    /// <summary>Registers a runtime created in this process (a freshly trained model).</summary>
    public static void Register(string modelId, object runtime) =>
        Models[modelId] = new Lazy<object>(runtime);

    /// <summary>Whether the runtime of <paramref name="modelId"/> is already available.</summary>
    public static bool Contains(string modelId) => Models.ContainsKey(modelId);

    /// <summary>Returns the registered runtime, or null.</summary>
    public static T? TryGet<T>(string modelId) where T : class =>
        Models.TryGetValue(modelId, out var lazy) ? lazy.Value as T : null;

    /// <summary>
    /// Returns the runtime of <paramref name="modelId"/>, deserialising <paramref name="payload"/> the first time.
    /// Concurrent callers share one deserialisation.
    /// </summary>
    public static T Resolve<T>(string modelId, byte[] payload, Func<byte[], T> deserialize) where T : class
    {
        if (Models.TryGetValue(modelId, out var existing))
            return Cast<T>(modelId, existing.Value);
        if (payload.Length == 0)
        {
            throw new InvalidOperationException(
                $"The weights of model '{modelId}' were not delivered with the row and are not loaded in this process. " +
                "The model zip is incomplete or was produced by an incompatible version of HideAndSeek.NET.");
        }
        var lazy = Models.GetOrAdd(modelId, _ => new Lazy<object>(() => deserialize(payload), LazyThreadSafetyMode.ExecutionAndPublication));
        return Cast<T>(modelId, lazy.Value);
    }

    private static T Cast<T>(string modelId, object runtime) where T : class =>
        runtime as T ?? throw new InvalidOperationException(
            $"Model '{modelId}' is a {runtime.GetType().Name}, not a {typeof(T).Name}: the zip pairs components that do not belong together.");
}
