using HideAndSeek.Boxes;
using HideAndSeek.DataViews;
using HideAndSeek.ModelFormat;
using HideAndSeek.Photos;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace HideAndSeek.CamLocalization;

/// <summary>
/// The localiser's box in the photo's own pixels, inside a saved chain: the network-space box mapped through the row's
/// photo geometry. Stateless: the network's input size comes from the chain as two constant columns.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class PhotoBoxMapping : CustomMappingFactory<PhotoBoxMapping.Input, PhotoBoxMapping.Output>
{
    internal const string ContractName = "HideAndSeek.PhotoBox.v1";

    public override Action<Input, Output> GetMapping() => static (input, output) =>
    {
        var box = Map(input.Box, input.Geometry, (int)input.NetworkWidth, (int)input.NetworkHeight);
        if (output.PhotoBox.Length != 4)
            output.PhotoBox = new float[4];
        box.ToFloats(output.PhotoBox);
    };

    /// <summary>
    /// The chain's stages: the photo's geometry, the network's size as two constants of this model, this mapping from
    /// the network-space box (the packed "Box" slice) to <see cref="SurrogateColumns.PhotoBoxOutput"/>.
    /// </summary>
    public static void AppendStages(SurrogateChainBuilder builder, LocalizerDescription description, string geometryColumn)
    {
        builder.CopyInput(geometryColumn, SurrogateColumns.InputPhotoGeometry);
        builder.AddConstant(SurrogateColumns.NetworkWidth, builder.ModelId, description.ImageWidth);
        builder.AddConstant(SurrogateColumns.NetworkHeight, builder.ModelId, description.ImageHeight);
        builder.Append(SharedContext.Instance.Transforms.CustomMapping(new PhotoBoxMapping().GetMapping(), ContractName));
    }

    /// <summary>A network-space box (4 floats) in the photo's pixels; the in-process view calls the same.</summary>
    public static BoundingBox Map(ReadOnlySpan<float> networkBox, ReadOnlySpan<float> geometry, int networkWidth, int networkHeight) =>
        PhotoFrame.FromGeometry(geometry, networkWidth, networkHeight).ToPhoto(BoundingBox.FromFloats(networkBox));

    internal sealed class Input
    {
        [ColumnName(SurrogateColumns.PhotoBoxNetworkBox), VectorType]
        public float[] Box { get; set; } = Array.Empty<float>();

        [ColumnName(SurrogateColumns.InputPhotoGeometry), VectorType]
        public float[] Geometry { get; set; } = Array.Empty<float>();

        [ColumnName(SurrogateColumns.NetworkWidth)]
        public float NetworkWidth { get; set; }

        [ColumnName(SurrogateColumns.NetworkHeight)]
        public float NetworkHeight { get; set; }
    }

    internal sealed class Output
    {
        [ColumnName(SurrogateColumns.PhotoBoxOutput), VectorType(4)]
        public float[] PhotoBox { get; set; } = new float[4];
    }
}
