namespace HideAndSeek.ModelFormat;

/// <summary>
/// One column a component adds, resolved for one model and one input (<see cref="OutputDeclaration{TModel, TOptions}"/>
/// declares them). The cases say where the values come from in every scoring path.
/// </summary>
/// <param name="Role">The column's fixed name inside saved chains (<see cref="ChainColumn"/>): never changes.</param>
/// <param name="Name">The user's column name.</param>
internal abstract record OutputColumn(string Role, string Name)
{
    /// <summary>The temporary chain column the value is built in before it is copied to <see cref="Name"/>.</summary>
    public string ChainColumn => SurrogateColumns.Output(Role);
}

/// <summary>A slice of the packed float vector the component's mapping writes: Vector&lt;Single, Length&gt;.</summary>
internal sealed record PackedOutput(string Role, string Name, int Offset, int Length) : OutputColumn(Role, Name);

/// <summary>
/// A key whose value is the class the mapping names in the packed row's text slot <paramref name="TextSlot"/>
/// (0: <see cref="IPackedRow.Text"/>, 1: <see cref="IPackedRow.Text2"/>); in process, the class index the runtime returns
/// in that position.
/// </summary>
internal sealed record ClassKeyOutput(string Role, string Name, int TextSlot) : OutputColumn(Role, Name);

/// <summary>
/// A float vector computed from a packed output and an input column by stages of its own (the localiser's photo box):
/// <paramref name="AppendStages"/> adds them to the chain, <paramref name="Compute"/> is the same on one in-process row.
/// </summary>
internal sealed record DerivedOutput(string Role, string Name, int Length, PackedOutput Source, string InputColumn,
    DerivedValues Compute, Action<SurrogateChainBuilder> AppendStages) : OutputColumn(Role, Name);

/// <summary>Computes a derived output from its source slice and its input column's values.</summary>
internal delegate void DerivedValues(ReadOnlySpan<float> source, ReadOnlySpan<float> input, Span<float> destination);
