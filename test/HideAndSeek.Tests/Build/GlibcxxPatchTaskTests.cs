using HideAndSeek.Tests.TestSupport;
using System.Diagnostics;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.Build;

/// <summary>
/// The MSBuild task of build/TorchSharpNative.targets, run by MSBuild itself on a copy of TorchSharp's native library:
/// it must set the weak flag on exactly the GLIBCXX_3.4.32 requirement and change nothing on a second run.
/// </summary>
public class GlibcxxPatchTaskTests
{
    private readonly ITestOutputHelper _output;

    public GlibcxxPatchTaskTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_build_task_marks_the_version_weak_once_and_is_idempotent()
    {
        string? original = FindPackagedLibrary();
        if (original is null)
            return; // no NuGet cache copy to start from (not a Linux restore): nothing to check
        using var dir = new TempDirectory();
        string target = dir.Combine("out", "libLibTorchSharp.so");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(original, target);
        var before = File.ReadAllBytes(target);

        RunTask(dir.Path, Path.GetDirectoryName(target)!);
        var once = File.ReadAllBytes(target);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != once[i]).ToList();
        Assert.Single(changed);
        Assert.Equal(before[changed[0]] | 0x2, once[changed[0]]); // VER_FLG_WEAK in the vna_flags of that entry

        RunTask(dir.Path, Path.GetDirectoryName(target)!);
        Assert.Equal(once, File.ReadAllBytes(target));
    }

    private void RunTask(string workDir, string directory)
    {
        string targets = Path.Combine(RepositoryRoot(), "build", "TorchSharpNative.targets");
        string project = Path.Combine(workDir, "patch.proj");
        File.WriteAllText(project, $"""
            <Project>
              <Import Project="{targets}" />
              <Target Name="Patch"><PatchLibTorchSharpGlibcxx Directory="{directory}" Force="true" /></Target>
            </Project>
            """);
        var info = new ProcessStartInfo("dotnet", $"msbuild \"{project}\" -t:Patch -nologo -v:n") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        _output.WriteLine(output);
        Assert.True(process.ExitCode == 0, output);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HideAndSeek.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found above the test binaries");
    }

    private static string? FindPackagedLibrary()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        return File.Exists(path) ? path : null;
    }
}
