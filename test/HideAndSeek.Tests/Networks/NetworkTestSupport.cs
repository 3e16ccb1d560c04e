using HideAndSeek.Networks;
using HideAndSeek.Torch;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Networks;

/// <summary>Small helpers shared by the network tests.</summary>
internal static class NetworkTestSupport
{
    /// <summary>Narrow enough that every architecture runs in well under a second on the CPU.</summary>
    public const double NarrowWidth = 0.125;

    public static GapNetwork Create(GapArchitecture architecture, double width = NarrowWidth, int classes = 5,
        bool withoutResize = false, long? initSeed = 11)
    {
        TorchRuntime.Initialize(TorchDevice.Cpu);
        return GapNetworkFactory.Create(architecture, new GapNetworkOptions
        {
            NumClasses = classes,
            WidthMultiplier = width,
            WithoutResize = withoutResize,
            InitSeed = initSeed,
        });
    }

    /// <summary>Pixels 0..255 [B, 3, H, W] from a private generator, so other tests' use of the global one does not matter.</summary>
    public static Tensor Pixels(int batch, int height, int width, ulong seed = 5)
    {
        using var generator = new Generator(seed, CPU);
        using var unit = rand(new long[] { batch, 3, height, width }, generator: generator);
        return unit.mul(255f);
    }

    public static long ParameterCount(nn.Module module) => module.parameters().Sum(p => p.numel());

    public static Dictionary<string, Tensor> CloneState(nn.Module module) =>
        module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    public static bool SameState(Dictionary<string, Tensor> a, Dictionary<string, Tensor> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && Same(kv.Value, other));

    public static long[] Shape(params long[] dims) => dims;

    /// <summary>Same shape, type and values (exact float equality, no tolerance).</summary>
    public static bool Same(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape) || a.dtype != b.dtype)
            return false;
        using var equal = a.eq(b);
        using var all = equal.all();
        return all.item<bool>();
    }
}
