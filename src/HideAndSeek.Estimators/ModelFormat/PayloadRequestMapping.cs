using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace HideAndSeek.ModelFormat;

/// <summary>
/// Asks the payload lookup for the model bytes only while the model is not alive in this process (never loaded, or
/// collected or released since).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class PayloadRequestMapping : CustomMappingFactory<PayloadRequestMapping.Input, PayloadRequestMapping.Output>
{
    internal const string ContractName = "HideAndSeek.PayloadRequest.v1";

    public override Action<Input, Output> GetMapping()
    {
        // The runtime this transformer saw alive is kept alive with it (ML.NET keeps the delegate per transformer), so
        // it cannot be collected between this row's "already loaded" and the model mapping that then needs it.
        ModelRuntime? seen = null;
        return (input, output) =>
        {
            var live = seen is { IsReleased: false } && seen.ModelId == input.ModelId ? seen : ModelRegistry.TryGetLive(input.ModelId);
            seen = live;
            output.PayloadKey = live is null ? input.ModelId : "";
        };
    }

    internal sealed class Input
    {
        /// <summary>The model id looked up from the anchor.</summary>
        [ColumnName(SurrogateColumns.ModelId)]
        public string ModelId { get; set; } = "";
    }

    internal sealed class Output
    {
        /// <summary>The model id while its runtime is not loaded in this process, else empty (so no bytes are copied).</summary>
        [ColumnName(SurrogateColumns.PayloadKey)]
        public string PayloadKey { get; set; } = "";
    }
}
