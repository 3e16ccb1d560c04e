namespace HideAndSeek.ModelFormat;

/// <summary>
/// Tells the garbage collector about native memory a managed object keeps alive (a network's tensors), so that
/// dropped models are collected as often as their real size asks for, and takes the charge back when released or
/// finalized. A separate small object, so that its finalizer does not keep the network reachable for an extra
/// collection.
/// </summary>
internal sealed class NativeMemoryCharge
{
    private long _bytes;

    public NativeMemoryCharge(long bytes)
    {
        _bytes = bytes;
        if (bytes > 0)
            GC.AddMemoryPressure(bytes);
        else
            GC.SuppressFinalize(this);
    }

    ~NativeMemoryCharge() => Release();

    public void Release()
    {
        long bytes = Interlocked.Exchange(ref _bytes, 0);
        if (bytes > 0)
        {
            GC.RemoveMemoryPressure(bytes);
            GC.SuppressFinalize(this);
        }
    }
}
