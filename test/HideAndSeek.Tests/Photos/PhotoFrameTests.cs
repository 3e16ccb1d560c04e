using HideAndSeek.Boxes;
using HideAndSeek.Photos;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Transforms.Image;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Tests.Photos;

public class PhotoFrameTests
{
    public static TheoryData<int, int, int, int, PhotoResizing> Cases()
    {
        var data = new TheoryData<int, int, int, int, PhotoResizing>();
        foreach (var resizing in Enum.GetValues<PhotoResizing>())
        {
            data.Add(151, 97, 64, 64, resizing);
            data.Add(97, 151, 64, 64, resizing);
            data.Add(151, 97, 50, 70, resizing);
            data.Add(97, 151, 71, 45, resizing);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Mapping_matches_where_MLNet_resize_puts_a_rectangle(int photoWidth, int photoHeight, int width, int height, PhotoResizing resizing)
    {
        using var temp = new TempDirectory();
        // Rectangles in the middle, at the edges and in the corners (partly cropped away under Crop).
        var rectangles = new[]
        {
            new BoundingBox(photoWidth / 3, photoHeight / 4, (photoWidth / 2) + 7, (photoHeight / 2) + 9),
            new BoundingBox(0, 0, photoWidth / 4, photoHeight / 5),
            new BoundingBox(photoWidth - 30, photoHeight - 25, photoWidth - 1, photoHeight - 1),
        };
        var paths = rectangles.Select((r, i) => WritePhoto(temp.File($"photo{i}.png"), photoWidth, photoHeight, r)).ToArray();
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(paths.Select(p => new PathRow { ImagePath = p }));
        var kind = resizing switch
        {
            PhotoResizing.Stretch => ImageResizingEstimator.ResizingKind.Fill,
            PhotoResizing.Crop => ImageResizingEstimator.ResizingKind.IsoCrop,
            _ => ImageResizingEstimator.ResizingKind.IsoPad,
        };
        var pipeline = ml.Transforms.LoadImages("Image", null, "ImagePath")
            .Append(ml.Transforms.ResizeImages("Image", width, height, "Image", kind, ImageResizingEstimator.Anchor.Center))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image"));
        var pixels = PixelData.ReadPixels(pipeline.Fit(data).Transform(data));

        var frame = PhotoFrame.Create(photoWidth, photoHeight, width, height, resizing);
        for (int i = 0; i < rectangles.Length; i++)
        {
            var expected = frame.ToNetwork(rectangles[i]);
            var found = Find(pixels[i], width, height, (r, g, _) => r > 127 && g < 128);
            AssertWithinOnePixel(expected, found, $"rectangle {rectangles[i]}");
            // The whole photo's extent: everything not black (padding is black; the photo's background is not).
            var extent = Find(pixels[i], width, height, (r, g, b) => r + g + b > 60);
            AssertWithinOnePixel(frame.ToNetwork(new BoundingBox(0, 0, photoWidth - 1, photoHeight - 1)), extent, "photo extent");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_box_mapped_to_the_network_and_back_covers_the_original(int photoWidth, int photoHeight, int width, int height, PhotoResizing resizing)
    {
        var frame = PhotoFrame.Create(photoWidth, photoHeight, width, height, resizing);
        var photoBox = new BoundingBox(photoWidth / 3, photoHeight / 3, (2 * photoWidth) / 3, (2 * photoHeight) / 3);
        var back = frame.ToPhoto(frame.ToNetwork(photoBox));
        Assert.True(back.XMin <= photoBox.XMin && back.YMin <= photoBox.YMin && back.XMax >= photoBox.XMax && back.YMax >= photoBox.YMax,
            $"{back} does not cover {photoBox}");
        // One network pixel is at most ceil(1 / scale) photo pixels.
        int slackX = (int)Math.Ceiling(1 / frame.ScaleX), slackY = (int)Math.Ceiling(1 / frame.ScaleY);
        Assert.InRange(photoBox.XMin - back.XMin, 0, slackX);
        Assert.InRange(back.XMax - photoBox.XMax, 0, slackX);
        Assert.InRange(photoBox.YMin - back.YMin, 0, slackY);
        Assert.InRange(back.YMax - photoBox.YMax, 0, slackY);
    }

    [Fact]
    public void Same_size_stretch_is_the_identity()
    {
        var frame = PhotoFrame.Create(64, 64, 64, 64, PhotoResizing.Stretch);
        Assert.True(frame.IsIdentity);
        var box = new BoundingBox(3, 5, 40, 63);
        Assert.Equal(box, frame.ToPhoto(box));
        Assert.True(frame.TryPhotoPixel(17, 9, out int x, out int y));
        Assert.Equal((17, 9), (x, y));
    }

    [Fact]
    public void Pad_pixels_have_no_photo_pixel_and_cropped_pixels_no_network_pixel()
    {
        var pad = PhotoFrame.Create(151, 97, 64, 64, PhotoResizing.Pad);
        Assert.False(pad.TryPhotoPixel(10, 0, out _, out _));
        Assert.True(pad.TryPhotoPixel(10, 32, out _, out _));
        var crop = PhotoFrame.Create(151, 97, 64, 64, PhotoResizing.Crop);
        Assert.False(crop.TryNetworkPixel(0, 50, out _, out _));
        Assert.True(crop.TryNetworkPixel(75, 50, out _, out _));
    }

    [Fact]
    public void Geometry_values_round_trip_and_bad_ones_are_rejected()
    {
        var frame = PhotoFrame.FromGeometry(PhotoFrame.Geometry(151, 97, PhotoResizing.Crop), 64, 64);
        Assert.Equal((151, 97, PhotoResizing.Crop), (frame.PhotoWidth, frame.PhotoHeight, frame.Resizing));
        Assert.Throws<ArgumentException>(() => PhotoFrame.FromGeometry([151, 97, 7], 64, 64));
        Assert.Throws<ArgumentException>(() => PhotoFrame.FromGeometry([0, 97, 0], 64, 64));
        Assert.Throws<ArgumentException>(() => PhotoFrame.FromGeometry([10, 9], 64, 64));
    }

    internal static string WritePhoto(string path, int width, int height, BoundingBox red)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(0, 160, 0));
        for (int y = red.YMin; y <= red.YMax; y++)
        {
            for (int x = red.XMin; x <= red.XMax; x++)
                image[x, y] = new Rgb24(255, 0, 0);
        }
        image.SaveAsPng(path);
        return path;
    }

    private static BoundingBox Find(float[] planar, int width, int height, Func<float, float, float, bool> match)
    {
        int plane = width * height;
        int xmin = int.MaxValue, ymin = int.MaxValue, xmax = -1, ymax = -1;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * width) + x;
                if (!match(planar[i], planar[plane + i], planar[(2 * plane) + i]))
                    continue;
                (xmin, ymin, xmax, ymax) = (Math.Min(xmin, x), Math.Min(ymin, y), Math.Max(xmax, x), Math.Max(ymax, y));
            }
        }
        return xmax < 0 ? BoundingBox.Empty : new BoundingBox(xmin, ymin, xmax, ymax);
    }

    private static void AssertWithinOnePixel(BoundingBox expected, BoundingBox found, string what)
    {
        if (expected.IsEmpty)
        {
            Assert.True(found.IsEmpty, $"{what}: mapping says cropped away, ML.NET's resize put it at {found}");
            return;
        }
        Assert.False(found.IsEmpty, $"{what}: nothing found, mapping says {expected}");
        bool close = Math.Abs(expected.XMin - found.XMin) <= 1 && Math.Abs(expected.YMin - found.YMin) <= 1
            && Math.Abs(expected.XMax - found.XMax) <= 1 && Math.Abs(expected.YMax - found.YMax) <= 1;
        Assert.True(close, $"{what}: mapping says {expected}, ML.NET's resize put it at {found}");
    }

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }
}
