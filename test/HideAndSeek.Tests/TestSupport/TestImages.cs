using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Tests.TestSupport;

/// <summary>Small real image files of any size for the data loaders' tests: the format follows the file's extension.</summary>
internal static class TestImages
{
    /// <summary>
    /// A 37 x 23 CMYK JPEG (red to blue), written once by ImageMagick ('convert -size 37x23 gradient:red-blue
    /// -colorspace CMYK -quality 90'): ImageSharp 2 cannot write CMYK, and such files are common among photos.
    /// </summary>
    public static readonly byte[] CmykJpeg37x23 = Convert.FromBase64String(
        "/9j/7gAOQWRvYmUAZAAAAAAC/9sAQwADAgIDAgIDAwMDBAMDBAUIBQUEBAUKBwcGCAwKDAwLCgsLDQ4SEA0OEQ4LCxAWEBETFBUVFQwPFxgWFBgSFBUU/9sAQwEDBAQFBAUJBQUJFA0LDRQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU/8AAFAgAFwAlBAERAAIRAQMRAQQRAP/EABcAAQEBAQAAAAAAAAAAAAAAAAAIBQf/xAAjEAABAAgHAAAAAAAAAAAAAAAAAQIDFRYXUqEFBlFTY5Ki/8QAGAEBAAMBAAAAAAAAAAAAAAAAAAYHCAn/xAAeEQABAwQDAAAAAAAAAAAAAAAAAQQWAgNRUhMU8P/aAA4EAQACEQMRBAAAPwDu7yRrclkmo2OW3CXNOrnuHkjW4k1Gw4ROrnuHkjW4k1Gw4ROrnuHkjW4k1Gw4ROrnuHkjW4k1Gw4ROrnuZ8K4pWjqYEmjzYuOEO/ISs6sx7vlIhXFK0dRNHmwhDvyB1Zj3fKRCuKVo6iaPNhCHfkDqzHu+UiFcUrR1E0ebCEO/IHVmPd8pEK4pWjqJo82EId+QOrMe75SUBDDOlUovtrk3XHreCxJOsqFLCGGdKo7a5Eet4EnWVClhDDOlUdtciPW8CTrKhSwhhnSqO2uRHreBJ1lQpYQwzpVHbXIj1vAk6yoUsf/2Q==");

    /// <summary>Writes a colour image (or a grey one) of the given size: PNG for a .png name, JPEG otherwise.</summary>
    public static string Write(string path, int width, int height, bool grey = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        bool png = Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase);
        if (grey)
        {
            using var image = new Image<L8>(width, height);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                    image[x, y] = new L8((byte)((x * 7 + y * 3) % 256));
            }

            Save(image, path, png);
        }
        else
        {
            using var image = new Image<Rgb24>(width, height);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                    image[x, y] = new Rgb24((byte)(x * 5 % 256), (byte)(y * 9 % 256), 128);
            }

            Save(image, path, png);
        }
        return path;
    }

    private static void Save(Image image, string path, bool png)
    {
        if (png)
            image.SaveAsPng(path);
        else
            image.SaveAsJpeg(path);
    }
}
