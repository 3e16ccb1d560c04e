using HideAndSeek.Torch;

namespace HideAndSeek.Tests.TestSupport;

/// <summary>
/// A fact that is skipped, with the reason, on a CPU without bfloat16 dot-product instructions (AVX512-BF16 or AMX),
/// where the trainer refuses bfloat16. On a CPU that has them the test runs, and a wrong bfloat16 kernel fails it.
/// </summary>
public sealed class RequiresBFloat16FactAttribute : FactAttribute
{
    public RequiresBFloat16FactAttribute()
    {
        if (!BFloat16Support.CpuHasBFloat16Instructions())
            Skip = $"this CPU ({CpuIsa.Describe()}) has no AVX512-BF16 or AMX instructions: bfloat16 training is refused here";
    }
}
