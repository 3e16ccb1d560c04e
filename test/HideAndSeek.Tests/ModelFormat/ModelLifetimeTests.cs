using HideAndSeek.Tests.TestSupport;
using System.Globalization;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.ModelFormat;

/// <summary>
/// Models that are dropped free their memory: a process that fits or loads model after model (a parameter sweep, a
/// retraining service, a server reloading its model file) stays flat. Each run is a child process
/// (<see cref="ModelLifetimeRuns"/>) that prints its resident size and C heap (where libtorch's tensors live) after
/// every model.
/// </summary>
public class ModelLifetimeTests
{
    // Each SmallAlexNetGap at width 0.5 holds about 4.5 MiB of weights in libtorch. Keeping every model grew the C heap
    // by 128 MiB over the last 20 fitted models and 41 MiB over the last 15 reloads (resident: 172 and 52 MiB); freed,
    // both stay within a few MiB. The resident size moves by tens of MiB from one model to the next (the managed heap),
    // hence its generous limit and the mean of five.
    private const double ResidentGrowthLimitMiB = 80;
    private const double NativeGrowthLimitMiB = 20;
    // A few minutes on two busy cores (about 5 s per small model there); far less on an idle machine.
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromMinutes(15);
    private readonly ITestOutputHelper _output;

    public ModelLifetimeTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Fitting_scoring_and_dropping_30_models_keeps_memory_flat()
    {
        var (code, output) = TestProcess.RunWithTimeout(ChildTimeout, "lifetime-fit-drop", "30");
        _output.WriteLine(output);
        Assert.True(code == 0, $"child process failed ({code}):\n{output}");
        AssertFlatOverLast(Memory(output), 20);
    }

    [Fact]
    public void Hot_reloading_20_model_files_keeps_memory_flat_and_never_fails_a_request()
    {
        using var dir = new TempDirectory();
        var (code, output) = TestProcess.RunWithTimeout(ChildTimeout, "lifetime-fit-save", dir.Path, "20");
        Assert.True(code == 0, $"fitting child failed ({code}):\n{output}");
        (code, output) = TestProcess.RunWithTimeout(ChildTimeout, "lifetime-hot-reload", dir.Path, "20");
        _output.WriteLine(output);
        Assert.True(code == 0, $"serving child failed ({code}):\n{output}");
        var failures = output.Split('\n').Single(l => l.StartsWith("failures ", StringComparison.Ordinal)).Split(' ');
        Assert.Equal("0", failures[1]);
        AssertFlatOverLast(Memory(output), 15);
    }

    private static List<(double Resident, double Native)> Memory(string output) =>
        output.Split('\n').Where(l => l.StartsWith("memory ", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .Select(p => (double.Parse(p[2], CultureInfo.InvariantCulture), double.Parse(p[3], CultureInfo.InvariantCulture)))
            .ToList();

    private void AssertFlatOverLast(List<(double Resident, double Native)> memory, int last)
    {
        Assert.True(memory.Count > last, $"only {memory.Count} memory lines");
        // The mean of the last five models minus the mean of the first five of the window.
        var window = memory.Skip(memory.Count - last).ToList();
        double Growth(Func<(double Resident, double Native), double> value) =>
            window.TakeLast(5).Average(value) - window.Take(5).Average(value);
        double resident = Growth(m => m.Resident), native = Growth(m => m.Native);
        _output.WriteLine($"growth over the last {last} models: resident {resident:F1} MiB, C heap {native:F1} MiB");
        Assert.True(resident < ResidentGrowthLimitMiB, $"resident size grew {resident:F1} MiB over the last {last} models");
        if (!double.IsNaN(native))
            Assert.True(native < NativeGrowthLimitMiB, $"the C heap grew {native:F1} MiB over the last {last} models");
    }
}
