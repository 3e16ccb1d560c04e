using HideAndSeek.CamLocalization;
using Microsoft.ML;

namespace HideAndSeek.WebApp;

/// <summary>What a response needs to know about one loaded model: class names, CAM threshold, the network's input size.</summary>
internal sealed record ServedModel(int Generation, IReadOnlyList<string> ClassNames, float Threshold, int NetworkWidth, int NetworkHeight)
{
    private static readonly DataViewSchema InputSchema = new MLContext().Data.LoadFromEnumerable(Array.Empty<ImageInput>()).Schema;

    /// <summary>Describes <paramref name="model"/>, or refuses it when it cannot give boxes in the photo's pixels.</summary>
    /// <exception cref="InvalidOperationException">The model has no CAM localiser or no photo geometry; the message says how to fix it.</exception>
    public static ServedModel Describe(ITransformer model, int generation)
    {
        var cam = HideAndSeekModel.Find<CamLocalizer>(model)
            ?? throw new InvalidOperationException("the model has no CAM localiser to give a box: train it with LocalizeWithCam at the end (as 'hideandseek train' does)");
        var options = cam.Options;
        var output = model.GetOutputSchema(InputSchema);
        // Without PreparePhotos' geometry the box is only known in the network's pixels, and how ResizeImages put the photo
        // there is not public: guessing it would give wrong boxes silently.
        if (output.GetColumnOrNull(PhotoPreparationCatalog.PhotoGeometryColumnName) is null || output.GetColumnOrNull(options.PhotoBoxColumnName) is null)
        {
            throw new InvalidOperationException("the model has no PhotoGeometry column (saved before PreparePhotos existed, or resizing with ResizeImages " +
                "directly), so its boxes cannot be mapped to the photo's pixels: train it with ml.Transforms.PreparePhotos or this version's 'hideandseek train'");
        }
        return new ServedModel(generation, cam.ClassNames, options.Threshold, cam.ImageWidth, cam.ImageHeight);
    }
}
