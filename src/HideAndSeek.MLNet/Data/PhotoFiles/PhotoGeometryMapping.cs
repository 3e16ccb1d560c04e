using HideAndSeek.Photos;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace HideAndSeek.Data.PhotoFiles;

/// <summary>
/// The per-row <c>PhotoGeometry</c> (photo width, photo height, resizing code) read from the image file's header, and
/// the checked path that <c>LoadImages</c> then decodes, so no photo is decoded before its size was checked. A loaded
/// custom mapping is rebuilt from its contract name alone, so the resizing mode is in the name: one subclass per mode.
/// </summary>
internal abstract class PhotoGeometryMapping : CustomMappingFactory<PhotoGeometryMapping.Input, PhotoGeometryMapping.Output>
{
    public const string PathColumn = "__HaS_Photo_Path";
    public const string CheckedPathColumn = "__HaS_Photo_CheckedPath";
    public const string GeometryColumn = "__HaS_Photo_Geometry";

    private protected abstract PhotoResizing Resizing { get; }

    public static PhotoGeometryMapping For(PhotoResizing resizing) => resizing switch
    {
        PhotoResizing.Stretch => new Stretch(),
        PhotoResizing.Crop => new Crop(),
        PhotoResizing.Pad => new Pad(),
        _ => throw new ArgumentOutOfRangeException(nameof(resizing), resizing, "Unknown resizing mode."),
    };

    public string ContractName => ContractNameOf(GetType());

    public override Action<Input, Output> GetMapping()
    {
        var code = (float)Resizing;
        return (input, output) =>
        {
            var path = input.Path.ToString();
            var (width, height) = PhotoHeader.Read(path);
            output.Geometry = [width, height, code];
            output.CheckedPath = path;
        };
    }

    private static string ContractNameOf(Type type) =>
        ((CustomMappingFactoryAttributeAttribute)Attribute.GetCustomAttribute(type, typeof(CustomMappingFactoryAttributeAttribute))!).ContractName;

    /// <summary>The path column, copied to a fixed name.</summary>
    internal sealed class Input
    {
        [ColumnName(PathColumn)]
        public ReadOnlyMemory<char> Path { get; set; }
    }

    /// <summary>The geometry and the path after its header passed the checks.</summary>
    internal sealed class Output
    {
        [ColumnName(GeometryColumn), VectorType(3)]
        public float[] Geometry { get; set; } = new float[3];

        [ColumnName(CheckedPathColumn)]
        public string CheckedPath { get; set; } = "";
    }

    [CustomMappingFactoryAttribute("HideAndSeek.PhotoGeometry.v1.Stretch")]
    internal sealed class Stretch : PhotoGeometryMapping
    {
        private protected override PhotoResizing Resizing => PhotoResizing.Stretch;
    }

    [CustomMappingFactoryAttribute("HideAndSeek.PhotoGeometry.v1.Crop")]
    internal sealed class Crop : PhotoGeometryMapping
    {
        private protected override PhotoResizing Resizing => PhotoResizing.Crop;
    }

    [CustomMappingFactoryAttribute("HideAndSeek.PhotoGeometry.v1.Pad")]
    internal sealed class Pad : PhotoGeometryMapping
    {
        private protected override PhotoResizing Resizing => PhotoResizing.Pad;
    }
}
