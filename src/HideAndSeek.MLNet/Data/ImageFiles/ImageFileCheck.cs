namespace HideAndSeek.Data.ImageFiles;

/// <summary>
/// A cheap integrity check of an image file that does not decode it: the format's signature at the start and its
/// end marker at the end. It catches what breaks datasets in practice (empty, truncated and overwritten files): a
/// JPEG cut short decodes without an error in ML.NET's image loader, as an all-black image, and an unreadable one
/// fails there with a message that names no file.
/// </summary>
internal static class ImageFileCheck
{
    private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
    private static readonly byte[] PngEnd = "IEND"u8.ToArray();

    // End markers may be followed by a few padding bytes; look for them in this many trailing bytes.
    private const int TailLength = 64;

    /// <summary>Null when the file looks complete; otherwise what is wrong with it, in words.</summary>
    public static string? Problem(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.None);
            long length = stream.Length;
            if (length == 0)
                return "the file is empty";
            Span<byte> head = stackalloc byte[8];
            int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            head = head[..read];
            int tailLength = (int)Math.Min(TailLength, length);
            Span<byte> tail = stackalloc byte[TailLength];
            stream.Seek(length - tailLength, SeekOrigin.Begin);
            tail = tail[..stream.ReadAtLeast(tail[..tailLength], tailLength, throwOnEndOfStream: false)];

            if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
            {
                return ContainsMarker(tail, 0xFF, 0xD9) ? null
                    : $"the JPEG has no end-of-image marker: the file is truncated ({length} bytes)";
            }
            if (head.SequenceEqual(PngSignature))
                return tail.IndexOf(PngEnd) >= 0 ? null : $"the PNG has no IEND chunk: the file is truncated ({length} bytes)";
            if (head.Length >= 2 && (head[0] == 'B' && head[1] == 'M' || head[0] == 'G' && head[1] == 'I'))
                return null; // BMP and GIF: nothing cheap to check beyond the signature
            return $"it is not a JPEG, PNG, BMP or GIF file (starts with {Convert.ToHexString(head)})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : $"it cannot be read: {e.Message}";
        }
    }

    private static bool ContainsMarker(ReadOnlySpan<byte> bytes, byte first, byte second)
    {
        for (int i = bytes.Length - 2; i >= 0; i--)
        {
            if (bytes[i] == first && bytes[i + 1] == second)
                return true;
        }
        return false;
    }
}
