using HideAndSeek.Data.PhotoFiles;
using HideAndSeek.Photos;
using Microsoft.ML.Transforms.Image;

namespace Microsoft.ML;

/// <summary>
/// Photos of any size on <c>ml.Transforms</c>: <c>PreparePhotos</c>, the preprocessing that keeps each photo's size and
/// resize mode so that boxes and metrics can be given in the photo's own pixels.
/// </summary>
public static class PhotoPreparationCatalog
{
    /// <summary>The column <see cref="PreparePhotos(TransformsCatalog, int, int, PhotoResizing, string, string, string)"/> adds
    /// beside the pixels: photo width, photo height, <see cref="PhotoResizing"/> code (Vector&lt;Single, 3&gt;).</summary>
    public const string PhotoGeometryColumnName = "PhotoGeometry";

    /// <summary>
    /// The whole preprocessing of photos of any size for a network with a square input of
    /// <paramref name="imageSize"/> pixels; see the overload with width and height.
    /// </summary>
    public static IEstimator<ITransformer> PreparePhotos(this TransformsCatalog catalog, int imageSize,
        PhotoResizing resizing = PhotoResizing.Stretch, string imagePathColumnName = "ImagePath", string pixelColumnName = "Pixels",
        string photoGeometryColumnName = PhotoGeometryColumnName) =>
        PreparePhotos(catalog, imageSize, imageSize, resizing, imagePathColumnName, pixelColumnName, photoGeometryColumnName);

    /// <summary>
    /// The whole preprocessing of photos of any size: reads each photo's size from its file header into
    /// <paramref name="photoGeometryColumnName"/> (Vector&lt;Single, 3&gt;: width, height, <see cref="PhotoResizing"/>
    /// code), then ML.NET's <c>LoadImages</c>, <c>ResizeImages</c> (Stretch = Fill, Crop = IsoCrop, Pad = IsoPad,
    /// anchored at the centre) and <c>ExtractPixels</c> into <paramref name="pixelColumnName"/>
    /// (3 x <paramref name="imageHeight"/> x <paramref name="imageWidth"/> floats, 0..255); the decoded image column is
    /// dropped. <c>LocalizeWithCam</c> maps its box back to the photo's pixels through the geometry column
    /// (<c>PhotoBox</c>), and the localisation metrics score in the photo's pixels. Saved with the model and found again
    /// by <c>ml.Model.Load</c>.
    /// </summary>
    /// <remarks>
    /// A missing file throws <see cref="FileNotFoundException"/>, an unreadable one or one above
    /// <see cref="PhotoFrame.MaxPhotoPixels"/> (100 megapixels) <see cref="InvalidDataException"/>, each naming the file,
    /// when the row is read; the photo is not decoded before its header passed.
    /// </remarks>
    /// <param name="catalog">The transforms catalog, <c>mlContext.Transforms</c>.</param>
    /// <param name="imageWidth">The network's input width.</param>
    /// <param name="imageHeight">The network's input height.</param>
    /// <param name="resizing">How the photo becomes <paramref name="imageWidth"/> x <paramref name="imageHeight"/>.</param>
    /// <param name="imagePathColumnName">The text column of image file paths.</param>
    /// <param name="pixelColumnName">The pixel column written.</param>
    /// <param name="photoGeometryColumnName">The geometry column written.</param>
    public static IEstimator<ITransformer> PreparePhotos(this TransformsCatalog catalog, int imageWidth, int imageHeight,
        PhotoResizing resizing = PhotoResizing.Stretch, string imagePathColumnName = "ImagePath", string pixelColumnName = "Pixels",
        string photoGeometryColumnName = PhotoGeometryColumnName)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageHeight, 1);
        ArgumentException.ThrowIfNullOrEmpty(imagePathColumnName);
        ArgumentException.ThrowIfNullOrEmpty(pixelColumnName);
        ArgumentException.ThrowIfNullOrEmpty(photoGeometryColumnName);
        var kind = resizing switch
        {
            PhotoResizing.Stretch => ImageResizingEstimator.ResizingKind.Fill,
            PhotoResizing.Crop => ImageResizingEstimator.ResizingKind.IsoCrop,
            PhotoResizing.Pad => ImageResizingEstimator.ResizingKind.IsoPad,
            _ => throw new ArgumentOutOfRangeException(nameof(resizing), resizing, "Unknown resizing mode."),
        };
        const string Image = "__HaS_Photo_Image";
        var geometry = PhotoGeometryMapping.For(resizing);
        return catalog.CopyColumns(PhotoGeometryMapping.PathColumn, imagePathColumnName)
            .Append(catalog.CustomMapping(geometry.GetMapping(), geometry.ContractName))
            .Append(catalog.LoadImages(Image, imageFolder: null, PhotoGeometryMapping.CheckedPathColumn))
            .Append(catalog.ResizeImages(Image, imageWidth, imageHeight, Image, kind, ImageResizingEstimator.Anchor.Center))
            .Append(catalog.ExtractPixels(pixelColumnName, Image))
            .Append(catalog.CopyColumns(photoGeometryColumnName, PhotoGeometryMapping.GeometryColumn))
            .Append(catalog.DropColumns(Image, PhotoGeometryMapping.PathColumn, PhotoGeometryMapping.CheckedPathColumn, PhotoGeometryMapping.GeometryColumn));
    }
}
