using HideAndSeek.CamLocalization;
using Microsoft.ML;

namespace HideAndSeek.WebApp;

/// <summary>What a response needs to know about one loaded model: class names, CAM threshold, input geometry.</summary>
internal sealed record ServedModel(int Generation, IReadOnlyList<string> ClassNames, float Threshold, ModelInputGeometry Geometry)
{
    /// <exception cref="InvalidOperationException">The model has no CAM localiser.</exception>
    public static ServedModel Describe(ITransformer model, int generation)
    {
        var cam = HideAndSeekModel.Find<CamLocalizer>(model)
            ?? throw new InvalidOperationException("the model zip has no CAM localiser (LocalizeWithCam) to give a box");
        return new ServedModel(generation, cam.ClassNames, cam.Options.Threshold, ModelInputGeometry.Of(model, cam.ImageWidth, cam.ImageHeight));
    }
}
