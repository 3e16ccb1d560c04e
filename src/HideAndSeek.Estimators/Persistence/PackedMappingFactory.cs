using System.ComponentModel;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace HideAndSeek.Persistence;

/// <summary>What the surrogate builder needs from a packed model mapping, whatever its row types.</summary>
internal interface IPackedMappingFactory
{
    int Tier { get; }

    IEstimator<ITransformer> CreateEstimator(MLContext ml);
}

/// <summary>
/// Base of the custom mappings that run a model inside a loaded zip: one subclass per model family and output tier,
/// each with its own contract name "family.T{tier}". Model-format plumbing; not for direct use.
/// </summary>
/// <typeparam name="TInput">The row type read from the input.</typeparam>
/// <typeparam name="TOutput">The packed output tier.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class PackedMappingFactory<TInput, TOutput> : CustomMappingFactory<TInput, TOutput>, IPackedMappingFactory
    where TInput : class, new()
    where TOutput : class, IPackedRow, new()
{
    int IPackedMappingFactory.Tier => new TOutput().Values.Length;

    IEstimator<ITransformer> IPackedMappingFactory.CreateEstimator(MLContext ml) =>
        ml.Transforms.CustomMapping(GetMapping(), PackedMappingCatalog.ContractNameOf(GetType()));

    /// <summary>Makes sure the output row holds a buffer of the tier's length (ML.NET reuses the row object).</summary>
    private protected static float[] Buffer(TOutput output, int tier)
    {
        if (output.Values.Length != tier)
            output.Values = new float[tier];
        return output.Values;
    }
}

/// <summary>Finds the packed mapping of a family for the smallest tier that holds a given number of floats.</summary>
internal static class PackedMappingCatalog
{
    private static readonly Lazy<Dictionary<string, SortedList<int, Type>>> Families = new(Scan);

    public static string ContractNameOf(Type factoryType) =>
        factoryType.GetCustomAttribute<CustomMappingFactoryAttributeAttribute>()?.ContractName
        ?? throw new InvalidOperationException($"{factoryType.Name} has no contract name.");

    public static IPackedMappingFactory Create(string family, int length)
    {
        if (!Families.Value.TryGetValue(family, out var tiers))
            throw new InvalidOperationException($"No packed mappings are defined for '{family}'.");
        foreach (var (tier, type) in tiers)
        {
            if (tier >= length)
                return (IPackedMappingFactory)Activator.CreateInstance(type)!;
        }
        throw new NotSupportedException(
            $"A {family} row needs {length:N0} output values; the largest supported is {tiers.Keys[^1]:N0}. " +
            "Use a smaller input size or fewer classes.");
    }

    private static Dictionary<string, SortedList<int, Type>> Scan()
    {
        var families = new Dictionary<string, SortedList<int, Type>>(StringComparer.Ordinal);
        foreach (var type in typeof(PackedMappingCatalog).Assembly.GetTypes())
        {
            if (type.IsAbstract || !typeof(IPackedMappingFactory).IsAssignableFrom(type))
                continue;
            var name = ContractNameOf(type);
            int dot = name.LastIndexOf(".T", StringComparison.Ordinal);
            if (dot < 0 || !int.TryParse(name.AsSpan(dot + 2), out int tier))
                throw new InvalidOperationException($"Contract name '{name}' does not end in .T<size>.");
            var family = name[..dot];
            if (!families.TryGetValue(family, out var tiers))
                families[family] = tiers = new SortedList<int, Type>();
            tiers.Add(tier, type);
        }
        return families;
    }
}
