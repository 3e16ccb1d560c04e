using System.Runtime.InteropServices;

namespace HideAndSeek.Torch;

/// <summary>
/// Checks, before TorchSharp is touched, that the application carries a libtorch build for this platform. The packages
/// leave that choice to the application (CPU or CUDA); when it made none, TorchSharp prints a long trace, copies
/// native files out of the NuGet cache and fails with advice about bundle packages. This says which package to add.
/// </summary>
internal static class NativeRuntimeProbe
{
    /// <summary>Platforms for which TorchSharp 0.107 ships its native library.</summary>
    internal static readonly IReadOnlyList<string> SupportedPlatforms = ["linux-x64", "win-x64", "win-arm64", "osx-arm64"];

    /// <summary>This process's platform as a portable runtime identifier (linux-x64, osx-arm64 ...).</summary>
    internal static string CurrentPlatform
    {
        get
        {
            string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : OperatingSystem.IsLinux() ? "linux" : "unknown";
            return os + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        }
    }

    /// <summary>
    /// Null when libtorch is found in one of the folders the runtime loads native files from; otherwise the message to
    /// show (which package to add, or that the platform is not supported).
    /// </summary>
    internal static string? FindProblem() => FindProblem(CurrentPlatform, NativeFolders(CurrentPlatform));

    /// <summary>The check itself, for a given platform and set of folders.</summary>
    internal static string? FindProblem(string platform, IEnumerable<string> folders)
    {
        if (!SupportedPlatforms.Contains(platform))
        {
            return $"HideAndSeek.NET runs on TorchSharp 0.107, which has no native build for {platform}. Supported: " +
                   string.Join(", ", SupportedPlatforms) + ".";
        }
        string library = LibTorchFileName(platform);
        if (folders.Any(folder => File.Exists(Path.Combine(folder, library))))
            return null;
        return $"No libtorch native runtime was found beside the application ({AppContext.BaseDirectory}): {library} is missing. " +
               "HideAndSeek.NET, like TorchSharp, leaves the choice of libtorch to the application. Add one libtorch 2.10.0 " +
               $"package to the application project and build again: {PackageAdvice(platform)}.";
    }

    /// <summary>"dotnet add package ..." for the CPU build of the platform, and the CUDA one where there is one.</summary>
    internal static string PackageAdvice(string platform)
    {
        string advice = $"dotnet add package libtorch-cpu-{platform} --version 2.10.0";
        if (platform is "linux-x64" or "win-x64")
            advice += $" (CPU), or libtorch-cuda-12.8-{platform} for an NVIDIA GPU";
        return advice;
    }

    private static string LibTorchFileName(string platform) =>
        platform.StartsWith("win", StringComparison.Ordinal) ? "torch_cpu.dll"
        : platform.StartsWith("osx", StringComparison.Ordinal) ? "libtorch_cpu.dylib"
        : "libtorch_cpu.so";

    /// <summary>The application folder, its runtimes/{platform}/native folder and the host's native search folders.</summary>
    private static IEnumerable<string> NativeFolders(string platform)
    {
        yield return AppContext.BaseDirectory;
        yield return Path.Combine(AppContext.BaseDirectory, "runtimes", platform, "native");
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchPath)
        {
            foreach (var folder in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                yield return folder;
        }
    }
}
