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
            Classes = 3, TrainImagesPerClass = 20, ValidationImagesPerClass = 6, Seed = 2,
        });
        var metrics = QuickStartExample.Run(summary.Root, dir.Combine("work"), epochs: 1, widthMultiplier: 0.125);
        _output.WriteLine(metrics.ToMarkdown());
        Assert.Equal(18, metrics.Count);
        Assert.True(File.Exists(dir.Combine("work", "model.zip")));
    }
}
