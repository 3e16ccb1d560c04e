namespace HideAndSeek.ModelFormat;

/// <summary>
/// Asks HideAndSeek.Generators for one sealed subclass of the marked generic mapping per packed row size, with the
/// contract name "<see cref="ContractFamily"/>.T{size}" (the name saved zips refer to: never change it).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class PackedMappingTiersAttribute : Attribute
{
    public PackedMappingTiersAttribute(string contractFamily) => ContractFamily = contractFamily;

    public string ContractFamily { get; }
}
