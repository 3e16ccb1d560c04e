using System.Collections.Concurrent;

namespace HideAndSeek.WebApp;

/// <summary>The last few overlays, for GET /overlays/{id}.png; in memory, oldest dropped first.</summary>
internal sealed class OverlayStore(ServingLimits limits)
{
    private readonly ConcurrentDictionary<string, byte[]> _overlays = new();
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>Keeps <paramref name="png"/> and returns its id.</summary>
    public string Add(byte[] png)
    {
        string id = Guid.NewGuid().ToString("N");
        _overlays[id] = png;
        _order.Enqueue(id);
        while (_order.Count > limits.KeptOverlays && _order.TryDequeue(out var oldest))
            _overlays.TryRemove(oldest, out _);
        return id;
    }

    public byte[]? Find(string id) => _overlays.TryGetValue(id, out var png) ? png : null;
}
