using Microsoft.ML;

namespace HideAndSeek.ModelFormat;

/// <summary>What the surrogate builder needs from a packed model mapping, whatever its row types.</summary>
internal interface IPackedMappingFactory
{
    /// <summary>The packed row's size.</summary>
    int Tier { get; }

    /// <summary>The mapping of a fitted transformer, bound to the transformer's <paramref name="lease"/>.</summary>
    IEstimator<ITransformer> CreateEstimator(MLContext ml, ModelLease lease);
}
