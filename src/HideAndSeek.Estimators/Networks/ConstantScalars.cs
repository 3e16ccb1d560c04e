using TorchSharp;

namespace HideAndSeek.Networks;

/// <summary>
/// Scalars for constants, created once and alive for the whole process. A TorchSharp <see cref="Scalar"/> is a native
/// pointer with a finalizer, and an implicit <c>double -> Scalar</c> temporary (or the hidden alpha of
/// <c>Tensor.add(Tensor)</c>) can be freed by the garbage collector while libtorch still reads it; these never are.
/// libtorch only reads a Scalar, so one instance serves every thread.
/// </summary>
internal static class ConstantScalars
{
    /// <summary>The integer 1: the alpha of a plain sum, the step of a counter.</summary>
    public static readonly Scalar One = 1L.ToScalar();
}
