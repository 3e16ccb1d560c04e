using Microsoft.ML.Transforms;
using System.Reflection;

namespace HideAndSeek.ModelFormat;

/// <summary>Finds the packed mapping of a family for the smallest row size that holds a given number of floats.</summary>
internal static class PackedMappingCatalog
{
    private static readonly Lazy<Dictionary<string, SortedList<int, Type>>> Families = new(Scan);

    public static string ContractNameOf(Type factoryType) =>
        factoryType.GetCustomAttribute<CustomMappingFactoryAttributeAttribute>()?.ContractName
        ?? throw new InvalidOperationException($"{factoryType.Name} has no contract name.");

    /// <summary>Every family's sizes (what the model format can write and read).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<int>> Tiers =>
        Families.Value.ToDictionary(f => f.Key, f => (IReadOnlyList<int>)f.Value.Keys.ToArray());

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
