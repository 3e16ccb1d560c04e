using HideAndSeek.Boxes;
using HideAndSeek.Photos;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.Processing.Processors.Transforms;

namespace HideAndSeek.Tests.Photos;

/// <summary>The localiser's box in the photo's own pixels (PhotoBox), through every scoring path.</summary>
public class PhotoBoxTests : IClassFixture<PhotoModelFixture>
{
    private readonly PhotoModelFixture _f;

    public PhotoBoxTests(PhotoModelFixture fixture) => _f = fixture;

    [Theory]
    [InlineData(PhotoResizing.Stretch)]
    [InlineData(PhotoResizing.Crop)]
    [InlineData(PhotoResizing.Pad)]
    public void PhotoBox_is_the_network_box_mapped_to_the_photo(PhotoResizing resizing)
    {
        using var temp = new TempDirectory();
        var rows = Resized(temp, (w, h) => (w * 151 / 64, h * 97 / 64)).Concat(Resized(temp, (w, h) => (w * 97 / 64, h * 151 / 64))).ToList();
        var scored = ModelWith(resizing).Transform(_f.Ml.Data.LoadFromEnumerable(rows));
        var networkBoxes = scored.GetColumn<float[]>("PredictedBox").ToList();
        var photoBoxes = scored.GetColumn<float[]>("PhotoBox").ToList();
        var geometries = scored.GetColumn<float[]>("PhotoGeometry").ToList();
        for (int i = 0; i < rows.Count; i++)
        {
            var expectedSize = rows[i].ImagePath.Contains("-a", StringComparison.Ordinal) ? (151f, 97f) : (97f, 151f);
            Assert.Equal([expectedSize.Item1, expectedSize.Item2, (float)resizing], geometries[i]);
            var frame = PhotoFrame.FromGeometry(geometries[i], 64, 64);
            Assert.Equal(frame.ToPhoto(BoundingBox.FromFloats(networkBoxes[i])).ToFloats(), photoBoxes[i]);
        }
    }

    [Fact]
    public void Predicting_on_a_photo_upscaled_2x_gives_the_same_box_scaled_2x()
    {
        using var temp = new TempDirectory();
        var originals = Resized(temp, (w, h) => (w, h)).ToList();
        // Nearest-neighbour upscaling: the network then sees the same pixels, so any difference is the mapping's (a
        // smooth upscale also moves this narrow test model's threshold boxes by a few network pixels).
        var doubled = Resized(temp, (w, h) => (2 * w, 2 * h), KnownResamplers.NearestNeighbor).ToList();
        var boxes = _f.Model.Transform(_f.Ml.Data.LoadFromEnumerable(originals)).GetColumn<float[]>("PhotoBox").ToList();
        var doubledBoxes = _f.Model.Transform(_f.Ml.Data.LoadFromEnumerable(doubled)).GetColumn<float[]>("PhotoBox").ToList();
        for (int i = 0; i < originals.Count; i++)
        {
            // Box (x0, y0, x1, y1) inclusive covers [x0, x1 + 1): doubled it covers [2 x0, 2 x1 + 2).
            float[] expected = [2 * boxes[i][0], 2 * boxes[i][1], (2 * boxes[i][2]) + 1, (2 * boxes[i][3]) + 1];
            for (int k = 0; k < 4; k++)
                Assert.True(Math.Abs(expected[k] - doubledBoxes[i][k]) <= 4, $"row {i}: expected about [{string.Join(", ", expected)}], got [{string.Join(", ", doubledBoxes[i])}]");
        }
    }

    [Fact]
    public void A_zip_saved_with_PhotoGeometry_loads_and_scores_identically()
    {
        using var temp = new TempDirectory();
        var zip = temp.File("model.zip");
        _f.Ml.Model.Save(_f.Model, _f.Train.Schema, zip);
        var loaded = _f.Ml.Model.Load(zip, out _);
        var expected = _f.Model.Transform(_f.Validation);
        var actual = loaded.Transform(_f.Validation);
        foreach (var column in new[] { "Score", "PredictedBox", "PhotoBox", "PhotoGeometry", "Heatmap" })
            Assert.Equal(expected.GetColumn<float[]>(column).ToList(), actual.GetColumn<float[]>(column).ToList());
        Assert.Contains(actual.Schema, c => c.Name == "PhotoBox");
    }

    [Fact]
    public void A_missing_or_unreadable_photo_is_named_in_the_error()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("broken.jpg"), "not a photo");
        foreach (var path in new[] { temp.File("missing.jpg"), temp.File("broken.jpg") })
        {
            var data = _f.Ml.Data.LoadFromEnumerable(new[] { new PhotoRow { ImagePath = path, Label = "x" } });
            var prepared = _f.Ml.Transforms.PreparePhotos(64).Fit(data).Transform(data);
            var e = Assert.ThrowsAny<Exception>(() => prepared.GetColumn<float[]>("Pixels").ToList());
            Assert.Contains(path, Messages(e), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_photo_above_the_pixel_limit_is_refused_before_it_is_decoded()
    {
        using var temp = new TempDirectory();
        var path = temp.File("huge.png");
        File.WriteAllBytes(path, PngHeader(20_000, 20_000));
        var data = _f.Ml.Data.LoadFromEnumerable(new[] { new PhotoRow { ImagePath = path, Label = "x" } });
        var prepared = _f.Ml.Transforms.PreparePhotos(64).Fit(data).Transform(data);
        var e = Assert.ThrowsAny<Exception>(() => prepared.GetColumn<float[]>("Pixels").ToList());
        Assert.Contains(path, Messages(e), StringComparison.Ordinal);
        Assert.Contains("megapixels", Messages(e), StringComparison.Ordinal);
    }

    /// <summary>A PNG that is only a header (signature, IHDR, IEND): it claims a size but holds no pixels.</summary>
    private static byte[] PngHeader(int width, int height)
    {
        var bytes = new List<byte> { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };
        void Chunk(string type, byte[] data)
        {
            bytes.AddRange(BigEndian(data.Length));
            var body = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            bytes.AddRange(body);
            bytes.AddRange(BigEndian((int)Crc32(body)));
        }
        Chunk("IHDR", [.. BigEndian(width), .. BigEndian(height), 8, 2, 0, 0, 0]);
        Chunk("IEND", []);
        return bytes.ToArray();
    }

    private static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static string Messages(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Messages(e.InnerException);

    private ITransformer ModelWith(PhotoResizing resizing)
    {
        var parts = _f.Model.ToArray();
        var data = _f.Ml.Data.LoadFromEnumerable(Array.Empty<PhotoRow>());
        var keyed = parts[0].Transform(data);
        var prepare = _f.Ml.Transforms.PreparePhotos(64, resizing).Fit(keyed);
        return new TransformerChain<ITransformer>([parts[0], prepare, .. parts[2..]]);
    }

    /// <summary>The validation photos resized (bicubic unless told) to the given size, written as PNG.</summary>
    private IEnumerable<PhotoRow> Resized(TempDirectory temp, Func<int, int, (int Width, int Height)> size, IResampler? resampler = null)
    {
        var paths = _f.Validation.GetColumn<string>("ImagePath").ToList();
        var labels = _f.Validation.GetColumn<string>("Label").ToList();
        for (int i = 0; i < paths.Count; i++)
        {
            using var image = Image.Load(paths[i]);
            var (w, h) = size(image.Width, image.Height);
            image.Mutate(x => x.Resize(w, h, resampler ?? KnownResamplers.Bicubic));
            var path = temp.File($"{i}-{(w > h ? "a" : "b")}-{w}x{h}.png");
            image.SaveAsPng(path);
            yield return new PhotoRow { ImagePath = path, Label = labels[i] };
        }
    }

    private sealed class PhotoRow
    {
        public string ImagePath { get; set; } = "";

        public string Label { get; set; } = "";
    }
}
