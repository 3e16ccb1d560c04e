using System.Collections.Immutable;

namespace HideAndSeek.ModelFormat;

/// <summary>
/// The one list of the columns a component adds, in output order: for each, its role (its fixed name inside saved
/// chains), the option naming the user's column, whether a model writes it and where its values come from. Everything
/// else is derived from it: the runtime's packed layout (<see cref="Pack"/>), the surrogate chain's stages
/// (<see cref="SurrogateChainBuilder.AddOutputs"/>), the output schema and the in-process view's getters
/// (<see cref="Resolve"/>).
/// </summary>
/// <remarks>
/// Saved chains cut their slices at the offsets of the day they were written, while a loaded zip's mapping packs with
/// today's declaration: a column added later goes last, and is written only when an option a saved zip does not have
/// switches it on (its default), so the packed offsets and row size of older zips stay what their chains expect.
/// </remarks>
/// <typeparam name="TModel">What fixes the lengths (the component's description).</typeparam>
/// <typeparam name="TOptions">The user's options: column names and switches.</typeparam>
internal sealed class OutputDeclaration<TModel, TOptions>
{
    private readonly ImmutableArray<Entry> _entries;

    public OutputDeclaration(ChainStageOrder order)
        : this(order, ImmutableArray<Entry>.Empty)
    {
    }

    private OutputDeclaration(ChainStageOrder order, ImmutableArray<Entry> entries)
    {
        Order = order;
        _entries = entries;
    }

    /// <summary>The order of the chain's stages.</summary>
    public ChainStageOrder Order { get; }

    /// <summary>A slice of the packed vector, <paramref name="length"/> floats.</summary>
    public OutputDeclaration<TModel, TOptions> Packed(string role, Func<TOptions, string> name, Func<TModel, int> length,
        Func<TModel, TOptions, bool>? when = null) =>
        With(new Entry(role, name, when, Length: length));

    /// <summary>A key of the class the mapping names in text slot <paramref name="textSlot"/> (0 or 1).</summary>
    public OutputDeclaration<TModel, TOptions> ClassKey(string role, Func<TOptions, string> name, int textSlot,
        Func<TModel, TOptions, bool>? when = null) =>
        With(new Entry(role, name, when, TextSlot: textSlot));

    /// <summary>
    /// A vector of <paramref name="length"/> floats computed from the packed column <paramref name="source"/> (declared
    /// before) and an input column; written only when the input has that column.
    /// </summary>
    public OutputDeclaration<TModel, TOptions> Derived(string role, Func<TOptions, string> name, int length, string source,
        Func<TOptions, string> input, Func<TModel, DerivedValues> compute, Action<SurrogateChainBuilder, TModel, string> appendStages) =>
        With(new Entry(role, name, null, Length: _ => length, Derivation: new Derivation(source, input, compute, appendStages)));

    /// <summary>The packed layout of a model fitted with <paramref name="options"/> (column names are not read).</summary>
    public PackedLayout Pack(TModel model, TOptions options) =>
        new(_entries.Where(e => e.Derivation is null && e.Length is not null && IsWritten(e, model, options))
            .Select(e => (e.Role, e.Length!(model))));

    /// <summary>
    /// The columns a model fitted with <paramref name="options"/> adds to an input that has the columns
    /// <paramref name="hasInput"/> says it has, in output order.
    /// </summary>
    public IReadOnlyList<OutputColumn> Resolve(TModel model, TOptions options, Func<string, bool> hasInput)
    {
        var packing = Pack(model, options);
        var columns = new List<OutputColumn>();
        foreach (var entry in _entries.Where(e => IsWritten(e, model, options)))
        {
            string name = entry.Name(options);
            if (entry.Derivation is { } derivation)
            {
                string input = derivation.Input(options);
                if (!hasInput(input))
                    continue;
                var source = columns.OfType<PackedOutput>().Single(c => c.Role == derivation.Source);
                columns.Add(new DerivedOutput(entry.Role, name, entry.Length!(model), source, input, derivation.Compute(model),
                    builder => derivation.AppendStages(builder, model, input)));
            }
            else if (entry.Length is not null)
            {
                var (offset, length) = packing[entry.Role];
                columns.Add(new PackedOutput(entry.Role, name, offset, length));
            }
            else
            {
                columns.Add(new ClassKeyOutput(entry.Role, name, entry.TextSlot));
            }
        }
        return columns;
    }

    private static bool IsWritten(Entry entry, TModel model, TOptions options) => entry.When?.Invoke(model, options) ?? true;

    private OutputDeclaration<TModel, TOptions> With(Entry entry)
    {
        if (_entries.Any(e => e.Role == entry.Role))
            throw new ArgumentException($"Output role '{entry.Role}' is declared twice.", nameof(entry));
        return new(Order, _entries.Add(entry));
    }

    private sealed record Entry(string Role, Func<TOptions, string> Name, Func<TModel, TOptions, bool>? When,
        Func<TModel, int>? Length = null, int TextSlot = 0, Derivation? Derivation = null);

    private sealed record Derivation(string Source, Func<TOptions, string> Input, Func<TModel, DerivedValues> Compute,
        Action<SurrogateChainBuilder, TModel, string> AppendStages);
}
