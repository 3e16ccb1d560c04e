using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace HideAndSeek.WebApp;

/// <summary>The model's input size and how ML.NET's ResizeImages fitted a photo into it (stretch, crop or pad).</summary>
internal sealed record ModelInputGeometry(int Width, int Height, ImageResizingEstimator.ResizingKind Resizing,
    ImageResizingEstimator.Anchor Anchor)
{
    /// <summary>
    /// Reads the resize step of <paramref name="model"/>; without one the photo is assumed stretched to
    /// <paramref name="width"/> x <paramref name="height"/> (the localiser's input size).
    /// </summary>
    public static ModelInputGeometry Of(ITransformer model, int width, int height)
    {
        var resizer = (model as IEnumerable<ITransformer>)?.OfType<ImageResizingTransformer>().FirstOrDefault();
        if (resizer is null)
            return new ModelInputGeometry(width, height, ImageResizingEstimator.ResizingKind.Fill, ImageResizingEstimator.Anchor.Center);
        // ML.NET 5 and 6 keep the resize's options internal: read them by name, or assume its defaults (IsoCrop, Center).
        const BindingFlags Any = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var options = (typeof(ImageResizingTransformer).GetProperty("Columns", Any)?.GetValue(resizer) as System.Collections.IEnumerable)
            ?.Cast<object>().FirstOrDefault();
        T Field<T>(string name, T fallback) => options?.GetType().GetField(name, Any)?.GetValue(options) is T value ? value : fallback;
        return new ModelInputGeometry(Field("ImageWidth", width), Field("ImageHeight", height),
            Field("Resizing", ImageResizingEstimator.ResizingKind.IsoCrop), Field("Anchor", ImageResizingEstimator.Anchor.Center));
    }

    /// <summary>How a photo of the given size lies in the model's input.</summary>
    public PhotoMapping For(int photoWidth, int photoHeight)
    {
        double sx = (double)Width / photoWidth, sy = (double)Height / photoHeight;
        if (Resizing == ImageResizingEstimator.ResizingKind.Fill)
            return new PhotoMapping(sx, sy, 0, 0, Width, Height, photoWidth, photoHeight);
        // Aspect kept: one scale for both axes, the larger to crop, the smaller to pad; the excess is cut or padded.
        double s = Resizing == ImageResizingEstimator.ResizingKind.IsoCrop ? Math.Max(sx, sy) : Math.Min(sx, sy);
        double excessX = photoWidth * s - Width, excessY = photoHeight * s - Height;
        double offsetX = Anchor switch
        {
            ImageResizingEstimator.Anchor.Left => 0,
            ImageResizingEstimator.Anchor.Right => excessX,
            _ => excessX / 2,
        };
        double offsetY = Anchor switch
        {
            ImageResizingEstimator.Anchor.Top => 0,
            ImageResizingEstimator.Anchor.Bottom => excessY,
            _ => excessY / 2,
        };
        return new PhotoMapping(s, s, offsetX, offsetY, Width, Height, photoWidth, photoHeight);
    }
}
