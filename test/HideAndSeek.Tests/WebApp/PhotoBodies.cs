using System.Buffers.Binary;
using System.IO.Compression;
using System.Net.Http.Headers;

namespace HideAndSeek.Tests.WebApp;

/// <summary>Request bodies for POST /predict: a photo as a multipart form, and the bad inputs.</summary>
public static class PhotoBodies
{
    public static MultipartFormDataContent Form(byte[] bytes, string fileName = "photo.jpg", string contentType = "image/jpeg")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "photo", fileName } };
    }

    public static MultipartFormDataContent Form(string path) => Form(File.ReadAllBytes(path), Path.GetFileName(path));

    /// <summary>
    /// A PNG whose header says <paramref name="width"/> x <paramref name="height"/> with one empty data chunk: a photo's
    /// size without its pixels (a real 50-megapixel photo takes seconds to make).
    /// </summary>
    public static byte[] PngHeader(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        Chunk(png, "IHDR", header);
        using (var data = new MemoryStream())
        {
            using (var deflate = new ZLibStream(data, CompressionLevel.Fastest, leaveOpen: true))
                deflate.Write(new byte[width + 1]); // one row, cut short: enough for a header read
            Chunk(png, "IDAT", data.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        byte[] typeAndData = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
