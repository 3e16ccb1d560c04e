using HideAndSeek.GapClassifier;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.Cli;

/// <summary>
/// A scheduler's SIGTERM or a user's Ctrl+C in the middle of the first epoch: the CLI saves that step, exits non-zero,
/// and the same command resumes to the weights of a run that was never interrupted. The CLI runs as a process of its
/// own here, since the test sends it real signals.
/// </summary>
public class CliInterruptTests(ITestOutputHelper output)
{
    private const int SigInt = 2, SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [Fact]
    public Task SIGTERM_in_the_first_epoch_saves_the_step_exits_143_and_the_same_command_resumes_to_the_uninterrupted_weights() =>
        SignalInTheFirstEpoch(SigTerm, 143);

    [RequiresDeliverableSigIntFact]
    public Task Ctrl_C_in_the_first_epoch_saves_the_step_exits_130_and_the_same_command_resumes_to_the_uninterrupted_weights() =>
        SignalInTheFirstEpoch(SigInt, 130);

    private async Task SignalInTheFirstEpoch(int signal, int exitCode)
    {
        if (!OperatingSystem.IsLinux())
            return; // signals as Linux delivers them
        using var dir = new TempDirectory();
        string data = dir.Combine("data");
        Assert.Equal(0, CliRunner.Run("gen-data", "--output", data, "--classes", "3", "--train-per-class", "100", "--val-per-class", "4").ExitCode);
        string[] Train(string folder) => new[]
        {
            "train", data, "--train-dir", dir.Combine(folder), "--max-epoch", "2", "--batch-size", "4", "--width-multiplier", "0.25",
            "--validation-capacity", "0", "--log-interval", "1", "--checkpoint-minutes", "0", "--do-hide", "16", "--seed", "7",
        };

        using (var child = TestProcess.Start(new[] { "cli" }.Concat(Train("stopped")).ToArray()))
        {
            var stdout = child.StandardOutput.ReadToEndAsync();
            var stderr = child.StandardError.ReadToEndAsync();
            // Wait until the child has taken a few steps of its first epoch (75 steps long), then signal it.
            string log = dir.Combine("stopped", "train.log");
            var clock = Stopwatch.StartNew();
            while (!(File.Exists(log) && ReadShared(log).Contains("epoch 1 step 3:", StringComparison.Ordinal)))
            {
                if (child.HasExited)
                    Assert.Fail("the child ended before it was signalled: " + await stdout + await stderr);
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "the child took no steps");
                await Task.Delay(20);
            }
            int sent = kill(child.Id, signal);
            if (sent != 0)
                Assert.Fail($"kill({child.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}, exited {child.HasExited}: {await stdout}{await stderr}\n{ReadShared(log)}");
            using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
                await child.WaitForExitAsync(timeout.Token);
            string text = await stdout + await stderr;
            output.WriteLine(text);
            Assert.Equal(exitCode, child.ExitCode);
            Assert.Contains("interrupted: training stopped in epoch 1 after step", text);
        }
        var checkpoints = Directory.GetFiles(dir.Combine("stopped", "checkpoints"), "*.ckpt").Select(Path.GetFileName).ToList();
        Assert.Contains(checkpoints, c => c!.StartsWith("checkpoint-epoch-0000-step-", StringComparison.Ordinal));
        Assert.False(File.Exists(dir.Combine("stopped", "model.zip")));

        var resumed = CliRunner.Run(Train("stopped"));
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(0, CliRunner.Run(Train("straight")).ExitCode);

        Assert.Equal(TrainLosses(dir.Combine("straight")), TrainLosses(dir.Combine("stopped")));
        Assert.Equal(ClassifierWeights(dir.Combine("straight")), ClassifierWeights(dir.Combine("stopped")));
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string[] TrainLosses(string trainDir) =>
        File.ReadLines(Path.Combine(trainDir, "history.tsv")).Skip(1).Select(l => l.Split('\t')[2]).ToArray();

    private static float[] ClassifierWeights(string trainDir)
    {
        var model = new MLContext(1).Model.Load(Path.Combine(trainDir, "model.zip"), out _);
        var classifier = HideAndSeekModel.Find<GapClassifierTransformer>(HideAndSeekModel.Restore(model))!;
        return classifier.Model.ClassifierWeights.ToArray();
    }
}
