using HideAndSeek.Data.Synthetic;
using HideAndSeek.Samples;
using HideAndSeek.Tests.TestSupport;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.Cli;

public class QuickStartTests
{
    private readonly ITestOutputHelper _output;

    public QuickStartTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_readme_sample_trains_evaluates_saves_and_reloads()
    {
        using var dir = new TempDirectory();
        var summary = SyntheticWsolGenerator.Generate(dir.Combine("data"), new SyntheticWsolOptions
        {
            Classes = 3,
            TrainImagesPerClass = 20,
            ValidationImagesPerClass = 6,
            Seed = 2,
        });
        var metrics = QuickStartExample.Run(summary.Root, dir.Combine("work"), epochs: 1, widthMultiplier: 0.125);
        _output.WriteLine(metrics.ToMarkdown());
        Assert.Equal(18, metrics.Count);
        Assert.True(File.Exists(dir.Combine("work", "model.zip")));
    }

    [RequiresSharedPhotoSetFact("pets-3")]
    public void The_photo_sample_trains_on_photos_of_any_size_and_answers_in_the_photos_pixels()
    {
        using var dir = new TempDirectory();
        string manifest = SharedPhotoSet.Manifest("pets-3")!;
        var (metrics, first) = PhotoQuickStartExample.Run(manifest, dir.Combine("work"), epochs: 1, maxImagesPerClass: 8);
        _output.WriteLine(metrics.ToMarkdown());
        _output.WriteLine($"{first.Label} {string.Join(", ", first.Box)} {first.Width} x {first.Height}");
        Assert.True(metrics.Count > 0);
        Assert.NotNull(metrics.MaxBoxAccV2);
        Assert.NotNull(metrics.PixelAveragePrecision);   // pets-3 has masks
        Assert.Contains(first.Label, new[] { "abyssinian", "american_bulldog", "bengal" });
        // The box is in the photo's own pixels: inside the photo, and not the network's 224 px square.
        Assert.True(first.Width > 0 && first.Height > 0 && (first.Width, first.Height) != (224, 224));
        Assert.InRange(first.Box[0], 0, first.Box[2]);
        Assert.InRange(first.Box[1], 0, first.Box[3]);
        Assert.InRange(first.Box[2], first.Box[0], first.Width - 1);
        Assert.InRange(first.Box[3], first.Box[1], first.Height - 1);
        Assert.True(File.Exists(dir.Combine("work", "photos-model.zip")));
    }
}
