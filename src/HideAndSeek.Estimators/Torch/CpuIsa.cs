using System.Runtime.Intrinsics.X86;

namespace HideAndSeek.Torch;

/// <summary>The SIMD instruction set of this CPU, which decides the kernels libtorch and oneDNN take.</summary>
internal static class CpuIsa
{
    /// <summary>"AVX-512", "AVX2", "AVX" or "no AVX", plus oneDNN's cap when DNNL_MAX_CPU_ISA is set.</summary>
    public static string Describe()
    {
        string isa = Avx512F.IsSupported ? "AVX-512" : Avx2.IsSupported ? "AVX2" : Avx.IsSupported ? "AVX" : "no AVX";
        string? cap = Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA");
        return string.IsNullOrEmpty(cap) ? isa : $"{isa}, oneDNN capped at {cap}";
    }
}
