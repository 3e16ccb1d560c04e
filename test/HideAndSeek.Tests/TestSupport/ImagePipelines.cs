using Microsoft.ML;

namespace HideAndSeek.Tests.TestSupport;

/// <summary>The standard preprocessing of the design contract: key label, real JPEG decoding, 64 px, planar pixels.</summary>
public static class ImagePipelines
{
    public static IEstimator<ITransformer> Preprocess(MLContext ml, int size = 64) =>
        ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.LoadImages("Image", imageFolder: null, "ImagePath"))
            .Append(ml.Transforms.ResizeImages("Image", size, size))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image"))
            .Append(ml.Transforms.DropColumns("Image"));
}
