using HideAndSeek.Data.ImageFiles;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;

namespace HideAndSeek.WebApp;

/// <summary>
/// The photo of one request, saved to a temporary file (ML.NET's image loader reads files) and checked before any
/// decoding: a supported format, not cut short, not too many pixels. Deletes the file on dispose.
/// </summary>
internal sealed class PhotoUpload : IDisposable
{
    // What ML.NET's image loader decodes; ImageSharp reads more (TIFF, WebP, TGA), which the model could not.
    private static readonly string[] Formats = ["JPEG", "PNG", "BMP", "GIF"];

    private PhotoUpload(string path) => Path = path;

    public string Path { get; }

    /// <summary>Reads the first file of a multipart form.</summary>
    /// <exception cref="PhotoRejectedException">The request or the photo cannot be scored; says why.</exception>
    public static async Task<PhotoUpload> ReadAsync(HttpRequest request, ServingLimits limits, CancellationToken cancellation)
    {
        if (!request.HasFormContentType)
        {
            throw new PhotoRejectedException(StatusCodes.Status415UnsupportedMediaType,
                $"expected multipart/form-data with the photo as a file field, not '{request.ContentType ?? "no content type"}'");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellation);
        }
        catch (BadHttpRequestException e)
        {
            throw new PhotoRejectedException(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge(limits) : e.Message);
        }
        catch (InvalidDataException e)
        {
            // The form reader's own limits and malformed multipart bodies.
            if (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
                throw new PhotoRejectedException(StatusCodes.Status413PayloadTooLarge, TooLarge(limits));
            throw new PhotoRejectedException(StatusCodes.Status400BadRequest, $"unreadable form: {e.Message}");
        }
        var file = form.Files.Count > 0 ? form.Files[0] : null;
        if (file is null)
            throw new PhotoRejectedException(StatusCodes.Status400BadRequest, "the form has no file: send the photo as a file field");
        if (file.Length == 0)
            throw new PhotoRejectedException(StatusCodes.Status400BadRequest, "the photo is empty (0 bytes)");

        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hideandseek-upload-{Guid.NewGuid():N}");
        try
        {
            await using (var target = File.Create(path))
                await file.CopyToAsync(target, cancellation);
            Check(path, limits);
            return new PhotoUpload(path);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    public void Dispose() => File.Delete(Path);

    private static string TooLarge(ServingLimits limits) => limits.MaxBodyBytes >= 1024 * 1024
        ? $"the request is larger than the limit of {limits.MaxBodyBytes / (1024.0 * 1024):0.#} MiB"
        : $"the request is larger than the limit of {limits.MaxBodyBytes} bytes";

    private static void Check(string path, ServingLimits limits)
    {
        IImageInfo? info;
        IImageFormat? format;
        try
        {
            info = Image.Identify(path, out format);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            info = null;
            format = null;
        }
        if (info is null || format is null || !Formats.Contains(format.Name, StringComparer.OrdinalIgnoreCase))
        {
            throw new PhotoRejectedException(StatusCodes.Status415UnsupportedMediaType,
                $"not a supported image{(format is null ? "" : $" ({format.Name})")}: send a JPEG, PNG, BMP or GIF");
        }
        // A header can be complete while the data is cut short, which ML.NET would decode as black.
        if (ImageFileCheck.Problem(path) is { } problem)
            throw new PhotoRejectedException(StatusCodes.Status400BadRequest, $"unreadable photo: {problem}");
        double megapixels = (double)info.Width * info.Height / 1e6;
        if (megapixels > limits.MaxMegapixels)
        {
            throw new PhotoRejectedException(StatusCodes.Status413PayloadTooLarge,
                $"the photo is {info.Width} x {info.Height} ({megapixels:0.#} megapixels); the limit is {limits.MaxMegapixels:0.#}");
        }
    }
}
