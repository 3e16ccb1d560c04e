namespace HideAndSeek.Torch;

/// <summary>Where TorchSharp computes.</summary>
public enum TorchDevice
{
    /// <summary>CUDA when a CUDA device and the CUDA libtorch build are available, otherwise the CPU.</summary>
    Auto = 0,

    /// <summary>Always the CPU.</summary>
    Cpu = 1,

    /// <summary>The first CUDA device; fails with a clear message when there is none.</summary>
    Cuda = 2,
}
