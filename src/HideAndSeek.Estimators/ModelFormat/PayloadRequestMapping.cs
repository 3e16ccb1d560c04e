using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace HideAndSeek.ModelFormat;

/// <summary>Asks the payload lookup for the model bytes only while the model is not yet loaded in this process.</summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class PayloadRequestMapping : CustomMappingFactory<PayloadRequestMapping.Input, PayloadRequestMapping.Output>
{
    internal const string ContractName = "HideAndSeek.PayloadRequest.v1";

    public override Action<Input, Output> GetMapping() =>
        static (input, output) => output.PayloadKey = ModelRegistry.Contains(input.ModelId) ? "" : input.ModelId;

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
