using HideAndSeek.Tests.TestSupport;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.Torch;

/// <summary>
/// TorchSharp's Scalar and Tensor are native pointers freed by finalizers: a temporary that is unreachable while
/// libtorch still reads it (an implicit double -> Scalar, the hidden alpha of add(Tensor), the Scalars of an optimiser
/// step) is freed under libtorch's feet as soon as a collection runs at the wrong moment. Here a child process runs
/// every network and the scalar-heavy operations with a thread that forces full collections and finalizers back to
/// back (the startup hook of test/HideAndSeek.GcStress) and tiered compilation off (fully optimised code ends a local's
/// life at its last use), which turns "crashes once in a while" into "crashes in this test".
/// </summary>
public class GcStressTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_network_and_the_scalar_heavy_operations_survive_forced_collections()
    {
        // About two minutes on two busy cores; the limit leaves room for a machine loaded by the other tests.
        var (code, text) = TestProcess.RunWithEnvironment(StressEnvironment(), TimeSpan.FromMinutes(10), "gc-stress");
        output.WriteLine(text);
        Assert.True(code == 0 && text.Contains(GcStressScenario.PassedLine, StringComparison.Ordinal),
            $"the GC-stress child failed with exit code {code}{Signal(code)}:\n{WithoutNativeFrames(text)}");
    }

    /// <summary>The child's environment: the stress hook beside this assembly, tiered compilation off.</summary>
    private static Dictionary<string, string> StressEnvironment()
    {
        string hook = Path.Combine(AppContext.BaseDirectory, "HideAndSeek.GcStress.dll");
        Assert.True(File.Exists(hook), $"{hook} is missing: the test project copies it from test/HideAndSeek.GcStress");
        return new Dictionary<string, string>
        {
            ["DOTNET_STARTUP_HOOKS"] = hook,
            ["DOTNET_TieredCompilation"] = "0",
            ["HIDEANDSEEK_GC_STRESS_INTERVAL_MS"] = "0",
        };
    }

    /// <summary>libtorch's native stack frames name no function of ours; the managed frames below them do.</summary>
    private static string WithoutNativeFrames(string text) =>
        string.Join('\n', text.Split('\n').Where(line => !line.StartsWith("frame #", StringComparison.Ordinal)));

    private static string Signal(int code) => code switch
    {
        134 => " (SIGABRT)",
        139 => " (SIGSEGV)",
        > 128 and < 160 => $" (signal {code - 128})",
        _ => "",
    };
}
