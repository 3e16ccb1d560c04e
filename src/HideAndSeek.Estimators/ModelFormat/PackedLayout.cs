namespace HideAndSeek.ModelFormat;

/// <summary>
/// Where each packed column of one model sits in the float vector its mapping writes, derived from the component's
/// <see cref="OutputDeclaration{TModel, TOptions}"/>: the present packed columns back to back, in declaration order.
/// </summary>
internal sealed class PackedLayout
{
    private readonly Dictionary<string, (int Offset, int Length)> _slices = new(StringComparer.Ordinal);

    /// <param name="columns">Each present packed column's role and length, in declaration order.</param>
    public PackedLayout(IEnumerable<(string Role, int Length)> columns)
    {
        foreach (var (role, length) in columns)
        {
            _slices.Add(role, (Length, length));
            Length += length;
        }
    }

    /// <summary>The packed vector's length.</summary>
    public int Length { get; }

    /// <summary>Whether the model writes the column <paramref name="role"/>.</summary>
    public bool Contains(string role) => _slices.ContainsKey(role);

    /// <summary>Where the column <paramref name="role"/> sits; the column must be present.</summary>
    public (int Offset, int Length) this[string role] =>
        _slices.TryGetValue(role, out var slice) ? slice : throw new InvalidOperationException($"The model writes no '{role}' column.");

    /// <summary>The column's values in <paramref name="packed"/>; the column must be present.</summary>
    public Span<float> Slice(Span<float> packed, string role)
    {
        var (offset, length) = this[role];
        return packed.Slice(offset, length);
    }
}
