using System.Runtime.InteropServices;
using TorchSharp;

namespace HideAndSeek.Torch;

/// <summary>
/// The one place that starts TorchSharp: loads the native library once per process, picks the device and the number
/// of CPU threads, and turns TorchSharp's generic load failure into a message that names the missing library or
/// symbol version.
/// </summary>
public static class TorchRuntime
{
    private static readonly object Gate = new();
    private static bool _loaded;
    private static int _threads;
    private static ConvolutionCheckResult? _convolutionCheck;

    /// <summary>Loads the native runtime if needed and returns the device that <paramref name="device"/> resolves to.</summary>
    /// <param name="device">Auto picks CUDA when available, else the CPU.</param>
    /// <param name="threads">Intra-op CPU threads; null or 0 keeps the current setting (all cores by default).</param>
    /// <exception cref="TorchRuntimeException">The native library cannot be loaded, or CUDA was asked for and is absent.</exception>
    public static torch.Device Initialize(TorchDevice device = TorchDevice.Auto, int? threads = null)
    {
        EnsureLoaded();
        lock (Gate)
        {
            if (threads is > 0 && threads.Value != _threads)
            {
                torch.set_num_threads(threads.Value);
                _threads = threads.Value;
            }
        }
        return Resolve(device);
    }

    /// <summary>Whether a CUDA device can be used by this process.</summary>
    public static bool IsCudaAvailable
    {
        get
        {
            EnsureLoaded();
            return torch.cuda.is_available();
        }
    }

    /// <summary>Intra-op CPU threads TorchSharp uses.</summary>
    public static int Threads
    {
        get
        {
            EnsureLoaded();
            return torch.get_num_threads();
        }
    }

    /// <summary>
    /// What the start-up self-check found: whether libtorch's convolutions are correct on this CPU and which layout
    /// the networks use (see CpuConvolution). One line, meant for logs.
    /// </summary>
    public static string ConvolutionCheck
    {
        get
        {
            EnsureLoaded();
            return _convolutionCheck!.ToString();
        }
    }

    /// <summary>The self-check's result.</summary>
    internal static ConvolutionCheckResult ConvolutionCheckResult
    {
        get
        {
            EnsureLoaded();
            return _convolutionCheck!;
        }
    }

    /// <summary>
    /// HIDEANDSEEK_CONV_LAYOUT = channels-last | padded | libtorch overrides the convolution layout; for diagnosis and
    /// the regression tests only ("libtorch" is wrong on CPUs that have the oneDNN bug).
    /// </summary>
    private static CpuConvolutionLayout? LayoutFromEnvironment() =>
        Environment.GetEnvironmentVariable("HIDEANDSEEK_CONV_LAYOUT")?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "channels-last" => CpuConvolutionLayout.ChannelsLast,
            "padded" => CpuConvolutionLayout.PaddedChannels,
            "libtorch" => CpuConvolutionLayout.LibTorchDefault,
            var other => throw new TorchRuntimeException(
                $"HIDEANDSEEK_CONV_LAYOUT='{other}' is not one of channels-last, padded, libtorch."),
        };

    private static torch.Device Resolve(TorchDevice device) => device switch
    {
        TorchDevice.Cpu => torch.CPU,
        TorchDevice.Cuda when torch.cuda.is_available() => torch.CUDA,
        TorchDevice.Cuda => throw new TorchRuntimeException(
            "Device Cuda was requested but no CUDA device is usable: the CPU libtorch build is referenced or no GPU is " +
            "present. Reference libtorch-cuda-12.8-linux-x64 instead of the CPU package (in this repository: build with " +
            "-p:TorchBackend=cuda) on a machine with an NVIDIA GPU, or use TorchDevice.Auto/Cpu."),
        _ => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
    };

    private static void EnsureLoaded()
    {
        if (_loaded)
            return;
        lock (Gate)
        {
            if (_loaded)
                return;
            // No libtorch in the application: say which package to add, before TorchSharp prints its own trace.
            if (NativeRuntimeProbe.FindProblem() is { } problem)
                throw new TorchRuntimeException(problem);
            try
            {
                // Touching any torch API runs TorchSharp's static initialiser, which loads the natives.
                torch.InitializeDeviceType(DeviceType.CPU);
                NativeHeapTuning.Apply();
                _threads = torch.get_num_threads();
                CpuConvolution.Layout = LayoutFromEnvironment() ?? CpuConvolution.Layout;
                _convolutionCheck = ConvolutionSelfCheck.Run();
                _loaded = true;
            }
            catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
            {
                throw new TorchRuntimeException(DescribeLoadFailure(), e);
            }
        }
    }

    /// <summary>
    /// TorchSharp reports "doesn't contain a reference to libtorch-cpu..." whatever went wrong. Loading
    /// libLibTorchSharp.so ourselves gives the dynamic loader's own message (missing file, library or symbol version).
    /// </summary>
    internal static string DescribeLoadFailure()
    {
        string? library = FindNativeLibrary();
        if (library is null)
        {
            return "TorchSharp's native library libLibTorchSharp.so is not in the application folder " +
                   $"({AppContext.BaseDirectory}). Reference the package TorchSharp 0.107.0 and a libtorch package " +
                   $"({NativeRuntimeProbe.PackageAdvice(NativeRuntimeProbe.CurrentPlatform)}) from the application so the SDK copies the native files.";
        }
        string cause;
        try
        {
            var handle = NativeLibrary.Load(library);
            NativeLibrary.Free(handle);
            cause = "the library itself loads, so libtorch's initialisation failed; see the inner exception";
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            cause = e.Message;
        }
        string hint = cause.Contains("GLIBCXX", StringComparison.Ordinal)
            ? " The system libstdc++ is older than the one TorchSharp was built with. The build marks that version " +
              "requirement weak in its outputs (the HideAndSeek.Estimators package's build step, build/TorchSharpNative.targets " +
              "in the repository); this output was not patched: rebuild it with dotnet build or dotnet publish, or do not " +
              "set HideAndSeekSkipGlibcxxPatch."
            : "";
        return $"TorchSharp's native runtime could not be loaded from {library}: {cause}.{hint}";
    }

    private static string? FindNativeLibrary()
    {
        string name = OperatingSystem.IsWindows() ? "LibTorchSharp.dll"
            : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so";
        string rid = RuntimeInformation.RuntimeIdentifier;
        string[] candidates =
        {
            Path.Combine(AppContext.BaseDirectory, name),
            Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", name),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", name),
        };
        return candidates.FirstOrDefault(File.Exists);
    }
}
