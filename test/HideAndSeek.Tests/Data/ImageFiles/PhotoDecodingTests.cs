using HideAndSeek.Tests.Data.Manifest;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.Data.ImageFiles;

/// <summary>Photos of odd sizes in grey, CMYK and PNG go from a manifest through ML.NET's image loader.</summary>
public class PhotoDecodingTests
{
    [Fact]
    public void Grey_cmyk_and_png_photos_of_odd_sizes_load_with_their_own_size_and_boxes()
    {
        using var folder = new ManifestFolder();
        File.WriteAllBytes(folder.PathOf("images/cat/cmyk.jpg"), TestImages.CmykJpeg37x23);
        folder.Photo("images/cat/grey.jpg", 41, 19, grey: true);
        string manifest = folder.Manifest("m.csv", "image,label,xmin,ymin,xmax,ymax",
            "images/cat/cmyk.jpg,cat,0,0,36,22", "images/cat/grey.jpg,cat,3,3,40,18", "images/cat/b.png,cat,0,0,22,36");
        var ml = new MLContext(1);
        var data = ml.Data.LoadImageManifest(manifest);
        // Pixels are read from the image itself: ExtractPixels needs one known size, and these photos differ.
        var images = ml.Transforms.LoadImages("Image", null, "ImagePath").Fit(data).Transform(data);

        var sizes = new List<(int, int)>();
        var means = new List<float>();
        (int R, int B) top = default, bottom = default;
        using (var cursor = images.GetRowCursor(images.Schema))
        {
            var image = cursor.GetGetter<Microsoft.ML.Data.MLImage>(images.Schema["Image"]);
            while (cursor.MoveNext())
            {
                MLImage value = null!;
                image(ref value);
                sizes.Add((value.Width, value.Height));
                var pixels = value.Pixels.ToArray();
                if (sizes.Count == 1)
                {
                    // The CMYK file is a red (top) to blue (bottom) gradient: colours must not come out inverted.
                    top = RedBlue(value, pixels, 0);
                    bottom = RedBlue(value, pixels, value.Height - 1);
                }
                means.Add((float)pixels.Average(b => (double)b));
                value.Dispose();
            }
        }
        Assert.Equal([(37, 23), (41, 19), (23, 37)], sizes);
        Assert.All(means, m => Assert.InRange(m, 1f, 254f)); // decoded, not black or blank
        Assert.True(top.R > 200 && top.B < 60, $"top row of the CMYK photo: R {top.R}, B {top.B}");
        Assert.True(bottom.B > 200 && bottom.R < 60, $"bottom row of the CMYK photo: R {bottom.R}, B {bottom.B}");
    }

    private static (int R, int B) RedBlue(MLImage image, byte[] pixels, int row)
    {
        int at = row * image.Width * 4;
        return image.PixelFormat == MLPixelFormat.Bgra32 ? (pixels[at + 2], pixels[at]) : (pixels[at], pixels[at + 2]);
    }
}
