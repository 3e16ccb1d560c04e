namespace HideAndSeek.Torch;

/// <summary>TorchSharp's native runtime could not be loaded or does not support the requested device.</summary>
public sealed class TorchRuntimeException : Exception
{
    /// <summary>Creates the exception with a message that names the real cause.</summary>
    public TorchRuntimeException(string message, Exception? inner = null) : base(message, inner) { }
}
