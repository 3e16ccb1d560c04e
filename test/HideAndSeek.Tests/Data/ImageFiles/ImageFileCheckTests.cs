using CsCheck;
using HideAndSeek.Data.ImageFiles;
using HideAndSeek.Data.Synthetic;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.Tests.TestSupport;

namespace HideAndSeek.Tests.Data.ImageFiles;

public class ImageFileCheckTests
{
    private static readonly Lazy<byte[]> Jpeg = new(() =>
    {
        using var dir = new TempDirectory();
        var summary = SyntheticWsolGenerator.Generate(dir.Combine("data"), new SyntheticWsolOptions
        {
            Classes = 2,
            TrainImagesPerClass = 1,
            ValidationImagesPerClass = 1,
            Seed = 4,
        });
        var records = TinyImageNetReader.Read(summary.Root, TinyImageNetSplit.Train);
        return File.ReadAllBytes(records[0].ImagePath);
    });

    private static string? Check(byte[] bytes, string extension = ".JPEG")
    {
        using var dir = new TempDirectory();
        string path = dir.File("image" + extension);
        File.WriteAllBytes(path, bytes);
        return ImageFileCheck.Problem(path);
    }

    [Fact]
    public void A_complete_jpeg_passes()
    {
        Assert.Null(Check(Jpeg.Value));
    }

    [Fact]
    public void A_jpeg_with_padding_after_its_end_marker_passes()
    {
        Assert.Null(Check(Jpeg.Value.Concat(new byte[7]).ToArray()));
    }

    [Fact]
    public void Every_truncation_of_a_jpeg_is_caught()
    {
        var jpeg = Jpeg.Value;
        Gen.Int[0, jpeg.Length - 1].Sample(length =>
        {
            var problem = Check(jpeg[..length]);
            return problem is not null;
        }, iter: 60);
    }

    [Theory]
    [InlineData(0, "empty")]
    [InlineData(3000, "not a JPEG")]
    public void Empty_and_random_files_are_caught(int length, string expected)
    {
        var bytes = new byte[length];
        new Random(3).NextBytes(bytes);
        if (length > 0)
            bytes[0] = 0x12; // not a signature byte
        Assert.Contains(expected, Check(bytes));
    }

    [Fact]
    public void A_truncated_png_is_caught_and_a_complete_one_passes()
    {
        using var dir = new TempDirectory();
        string path = dir.File("a.png");
        using (var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(8, 8))
            SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, path);
        Assert.Null(ImageFileCheck.Problem(path));
        var bytes = File.ReadAllBytes(path);
        Assert.Contains("IEND", Check(bytes[..^12], ".png"));
    }

    [Fact]
    public void A_missing_file_is_described()
    {
        Assert.Equal("the file does not exist", ImageFileCheck.Problem(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".JPEG")));
    }

    [RequiresTinyImageNetFact]
    public void Every_image_of_the_real_sample_passes()
    {
        foreach (var split in new[] { TinyImageNetSplit.Train, TinyImageNetSplit.Validation })
        {
            foreach (var record in TinyImageNetReader.Read(TinyImageNetLocation.Root!, split))
                Assert.True(ImageFileCheck.Problem(record.ImagePath) is null, record.ImagePath + ": " + ImageFileCheck.Problem(record.ImagePath));
        }
    }
}
