using HideAndSeek.Photos;
using SixLabors.ImageSharp;

namespace HideAndSeek.Data.PhotoFiles;

/// <summary>A photo's size from its file header alone (no pixels decoded), with the checks every photo passes.</summary>
internal static class PhotoHeader
{
    /// <summary>The photo's width and height.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an image this library reads, or is above
    /// <see cref="PhotoFrame.MaxPhotoPixels"/>.</exception>
    public static (int Width, int Height) Read(string path)
    {
        if (string.IsNullOrEmpty(path))
            throw new InvalidDataException("A photo path is empty.");
        if (!File.Exists(path))
            throw new FileNotFoundException($"Photo '{path}' does not exist.", path);
        IImageInfo? info;
        try
        {
            info = Image.Identify(path);
        }
        catch (Exception e) when (e is ImageFormatException or NotSupportedException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Photo '{path}' cannot be read: {e.Message}", e);
        }
        if (info is null)
            throw new InvalidDataException($"Photo '{path}' is not a JPEG, PNG or other image format this library reads.");
        if (info.Width < 1 || info.Height < 1)
            throw new InvalidDataException($"Photo '{path}' has no pixels ({info.Width} x {info.Height}).");
        if ((long)info.Width * info.Height > PhotoFrame.MaxPhotoPixels)
        {
            throw new InvalidDataException(
                $"Photo '{path}' is {info.Width} x {info.Height} ({(long)info.Width * info.Height / 1e6:F0} megapixels); the limit is " +
                $"{PhotoFrame.MaxPhotoPixels / 1_000_000} megapixels. Downscale it first.");
        }
        return (info.Width, info.Height);
    }
}
