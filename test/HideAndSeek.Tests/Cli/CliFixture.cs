using HideAndSeek.Tests.TestSupport;

namespace HideAndSeek.Tests.Cli;

/// <summary>A tiny generated dataset and one short training run through the CLI, shared by the CLI tests.</summary>
public sealed class CliFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public CliFixture()
    {
        Data = _dir.Combine("data");
        TrainDir = _dir.Combine("run");
        GenerateData = CliRunner.Run("gen-data", "--output", Data, "--classes", "3", "--train-per-class", "12", "--val-per-class", "4", "--write-masks");
        Train = CliRunner.Run("train", Data, "--train-dir", TrainDir, "--max-epoch", "1", "--batch-size", "8",
            "--width-multiplier", "0.125", "--do-hide", "16", "--do-augmentation", "2", "--validation-capacity", "6", "--log-interval", "2");
    }

    public string Data { get; }

    public string TrainDir { get; }

    public (int ExitCode, string Output, string Error) GenerateData { get; }

    public (int ExitCode, string Output, string Error) Train { get; }

    public string Path(string name) => _dir.Combine(name);

    public void Dispose() => _dir.Dispose();
}
