using System.ComponentModel;
using Microsoft.ML.Transforms;

namespace HideAndSeek.Persistence;

/// <summary>Emits the constant anchor the model-id lookup keys on. Model-format plumbing; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class AnchorMapping : CustomMappingFactory<AnchorInput, AnchorOutput>
{
    internal const string ContractName = "HideAndSeek.Anchor.v1";

    /// <inheritdoc />
    public override Action<AnchorInput, AnchorOutput> GetMapping() => static (_, output) => output.Anchor = 0;
}

/// <summary>
/// Asks the payload lookup for the model bytes only while the model is not yet loaded in this process.
/// Model-format plumbing; not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class PayloadRequestMapping : CustomMappingFactory<PayloadRequestInput, PayloadRequestOutput>
{
    internal const string ContractName = "HideAndSeek.PayloadRequest.v1";

    /// <inheritdoc />
    public override Action<PayloadRequestInput, PayloadRequestOutput> GetMapping() =>
        static (input, output) => output.PayloadKey = ModelRegistry.Contains(input.ModelId) ? "" : input.ModelId;
}
