namespace HideAndSeek.ModelFormat;

/// <summary>Asks HideAndSeek.Generators for one packed row type per power of two from 2^min to 2^max floats.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class PackedRowTiersAttribute : Attribute
{
    public PackedRowTiersAttribute(int minExponent, int maxExponent)
    {
        MinExponent = minExponent;
        MaxExponent = maxExponent;
    }

    public int MinExponent { get; }

    public int MaxExponent { get; }
}
