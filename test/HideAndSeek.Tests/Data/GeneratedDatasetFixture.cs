using HideAndSeek.Data.Synthetic;
using HideAndSeek.Tests.TestSupport;

namespace HideAndSeek.Tests.Data;

/// <summary>One small generated dataset with masks, shared by the tests of a class and deleted afterwards.</summary>
public sealed class GeneratedDatasetFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public GeneratedDatasetFixture()
    {
        Options = new SyntheticWsolOptions
        {
            Classes = 3,
            TrainImagesPerClass = 12,
            ValidationImagesPerClass = 5,
            WriteMasks = true,
            Seed = 7,
        };
        Summary = SyntheticWsolGenerator.Generate(_dir.Combine("synthetic"), Options);
    }

    public SyntheticWsolOptions Options { get; }

    public SyntheticWsolSummary Summary { get; }

    public string Root => Summary.Root;

    public void Dispose() => _dir.Dispose();
}
