using Microsoft.ML;

namespace HideAndSeek.ModelFormat;

/// <summary>What the surrogate builder needs from a packed model mapping, whatever its row types.</summary>
internal interface IPackedMappingFactory
{
    /// <summary>The packed row's size.</summary>
    int Tier { get; }

    IEstimator<ITransformer> CreateEstimator(MLContext ml);
}
