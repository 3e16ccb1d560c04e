using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace HideAndSeek.ModelFormat;

/// <summary>
/// Base of the custom mappings that run a model inside a loaded zip. A family (classifier, localiser) writes its logic
/// once in a generic subclass marked <see cref="PackedMappingTiersAttribute"/>; HideAndSeek.Generators adds one sealed
/// subclass per packed row size with the contract name "family.T{size}".
/// </summary>
/// <typeparam name="TInput">The row type read from the input.</typeparam>
/// <typeparam name="TOutput">The packed output row.</typeparam>
internal abstract class PackedMappingFactory<TInput, TOutput> : CustomMappingFactory<TInput, TOutput>, IPackedMappingFactory
    where TInput : class, new()
    where TOutput : class, IPackedRow, new()
{
    private static readonly int Size = new TOutput().Values.Length;

    int IPackedMappingFactory.Tier => Size;

    IEstimator<ITransformer> IPackedMappingFactory.CreateEstimator(MLContext ml, ModelLease lease) =>
        ml.Transforms.CustomMapping(CreateMapping(new ModelBinding(lease)), PackedMappingCatalog.ContractNameOf(GetType()));

    /// <summary>
    /// The delegate of one transformer (ML.NET calls this once per transformer it loads): a new binding, which keeps
    /// the runtime it resolves alive as long as that transformer.
    /// </summary>
    public sealed override Action<TInput, TOutput> GetMapping() => CreateMapping(new ModelBinding());

    /// <summary>Maps one row; <paramref name="packed"/> is the output's buffer of the row type's size.</summary>
    private protected abstract void Map(TInput input, TOutput output, float[] packed, ModelBinding binding);

    private Action<TInput, TOutput> CreateMapping(ModelBinding binding) =>
        (input, output) =>
        {
            // ML.NET reuses the output row object: make sure it holds a buffer of the right length.
            if (output.Values.Length != Size)
                output.Values = new float[Size];
            Map(input, output, output.Values, binding);
        };
}
