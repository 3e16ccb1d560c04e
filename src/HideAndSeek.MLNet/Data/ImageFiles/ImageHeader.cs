using SixLabors.ImageSharp;

namespace HideAndSeek.Data.ImageFiles;

/// <summary>
/// An image's size read from its file header only (ImageSharp's <c>Identify</c>: no pixels are decoded), so that
/// boxes can be checked against the photo's own size when a dataset is opened.
/// </summary>
internal static class ImageHeader
{
    /// <summary>The width and height, or what is wrong with the file in words.</summary>
    public static (int Width, int Height, string? Problem) Read(string path)
    {
        if (!File.Exists(path))
            return (0, 0, "the file does not exist");
        try
        {
            var info = Image.Identify(path);
            if (info is null)
                return (0, 0, $"it is not an image format that can be read (starts with {Start(path)})");
            if (info.Width <= 0 || info.Height <= 0)
                return (0, 0, $"its header gives an empty size {info.Width} x {info.Height}");
            return (info.Width, info.Height, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ImageSharp reports bad headers with several exception types; all mean the same here.
            return (0, 0, $"its header cannot be read ({e.Message})");
        }
    }

    private static string Start(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[8];
            return Convert.ToHexString(head[..stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)]);
        }
        catch (IOException)
        {
            return "unreadable bytes";
        }
    }
}
