using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace HideAndSeek.ModelFormat;

/// <summary>Emits the constant anchor the model-id lookup of a surrogate chain keys on.</summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class AnchorMapping : CustomMappingFactory<AnchorMapping.Input, AnchorMapping.Output>
{
    internal const string ContractName = "HideAndSeek.Anchor.v1";

    public override Action<Input, Output> GetMapping() => static (_, output) => output.Anchor = 0;

    /// <summary>Reads no column.</summary>
    internal sealed class Input
    {
    }

    internal sealed class Output
    {
        /// <summary>Always 0.</summary>
        [ColumnName(SurrogateColumns.Anchor)]
        public uint Anchor { get; set; }
    }
}
