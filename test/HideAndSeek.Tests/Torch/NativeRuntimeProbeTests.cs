using HideAndSeek.Tests.TestSupport;
using HideAndSeek.Torch;

namespace HideAndSeek.Tests.Torch;

public class NativeRuntimeProbeTests
{
    [Fact]
    public void This_test_process_has_its_libtorch()
    {
        Assert.Null(NativeRuntimeProbe.FindProblem());
    }

    [Fact]
    public void An_application_without_libtorch_is_told_which_package_to_add()
    {
        using var dir = new TempDirectory();
        var problem = NativeRuntimeProbe.FindProblem("linux-x64", [dir.Path]);
        Assert.NotNull(problem);
        Assert.Contains("libtorch_cpu.so is missing", problem);
        Assert.Contains("dotnet add package libtorch-cpu-linux-x64 --version 2.10.0", problem);
        Assert.Contains("libtorch-cuda-12.8-linux-x64", problem);
    }

    [Fact]
    public void Libtorch_in_any_native_folder_is_enough()
    {
        using var dir = new TempDirectory();
        string native = dir.Combine("runtimes", "win-x64", "native");
        Directory.CreateDirectory(native);
        File.WriteAllText(Path.Combine(native, "torch_cpu.dll"), "");
        Assert.Null(NativeRuntimeProbe.FindProblem("win-x64", [dir.Path, native]));
        Assert.Contains("libtorch-cpu-osx-arm64", NativeRuntimeProbe.FindProblem("osx-arm64", [dir.Path, native]));
    }

    [Fact]
    public void An_unsupported_platform_is_named_with_the_supported_ones()
    {
        var problem = NativeRuntimeProbe.FindProblem("linux-arm64", []);
        Assert.NotNull(problem);
        Assert.Contains("no native build for linux-arm64", problem);
        Assert.Contains("linux-x64, win-x64, win-arm64, osx-arm64", problem);
    }
}
