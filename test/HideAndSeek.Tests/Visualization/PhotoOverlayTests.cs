using HideAndSeek.Boxes;
using HideAndSeek.Photos;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.Visualization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Tests.Visualization;

public sealed class PhotoOverlayTests
{
    [Fact]
    public void A_stream_overlay_within_the_size_cap_is_the_file_overlay()
    {
        using var temp = new TempDirectory();
        string photo = TestImages.Write(temp.File("photo.png"), 120, 80);
        var frame = PhotoFrame.Create(120, 80, 8, 8, PhotoResizing.Crop);
        var heatmap = Enumerable.Range(0, 64).Select(i => i / 63f).ToArray();
        var box = new BoundingBox(30, 10, 89, 69);
        PhotoOverlay.Write(photo, heatmap, frame, box, "cap", temp.File("file.png"));
        using var stream = new MemoryStream();
        PhotoOverlay.Write(photo, heatmap, frame, box, "cap", stream, maxSide: 120);

        using var fromFile = Image.Load<Rgba32>(temp.File("file.png"));
        using var fromStream = Image.Load<Rgba32>(stream.ToArray());
        Assert.Equal((120, 80), (fromStream.Width, fromStream.Height));
        for (int y = 0; y < 80; y++)
        {
            for (int x = 0; x < 120; x++)
                Assert.Equal(fromFile[x, y], fromStream[x, y]);
        }
    }

    [Fact]
    public void A_photo_over_the_size_cap_is_drawn_smaller_with_its_box_scaled()
    {
        using var temp = new TempDirectory();
        string photo = TestImages.Write(temp.File("photo.png"), 400, 200);
        var frame = PhotoFrame.Create(400, 200, 8, 8, PhotoResizing.Stretch);
        // The box covers photo columns 100..299 and rows 40..159: drawn pixels 25..74 and 10..39 at a quarter of the size.
        using var stream = new MemoryStream();
        PhotoOverlay.Write(photo, new float[64], frame, new BoundingBox(100, 40, 299, 159), caption: null, stream, maxSide: 100);

        using var overlay = Image.Load<Rgba32>(stream.ToArray());
        Assert.Equal((100, 50), (overlay.Width, overlay.Height));
        Assert.Equal(PanelRenderer.PredictionColor, overlay[25, 10]);
        Assert.Equal(PanelRenderer.PredictionColor, overlay[74, 39]);
        Assert.NotEqual(PanelRenderer.PredictionColor, overlay[24, 9]);
        Assert.NotEqual(PanelRenderer.PredictionColor, overlay[75, 40]);
        Assert.NotEqual(PanelRenderer.PredictionColor, overlay[50, 25]);
    }
}
