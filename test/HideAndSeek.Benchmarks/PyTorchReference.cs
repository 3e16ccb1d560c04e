using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// Runs pytorch/train_epoch.py (the same epoch in PyTorch eager) as a child process and reads the images per second
/// from the JSON on its last output line. Debian's python3-torch installs into /usr/bin/python3, not into a pyenv or
/// virtual-environment interpreter that may come first on PATH, hence the default.
/// </summary>
internal static class PyTorchReference
{
    public const string SkipMessage = "skipped: install python3-torch python3-torchvision python3-pil (apt-get install -y python3-torch python3-torchvision python3-pil)";

    /// <summary>The script's exit code when torch, numpy or PIL cannot be imported.</summary>
    private const int MissingPackagesExitCode = 3;

    /// <summary>What the script measured; null <see cref="ImagesPerSecond"/> with the reason when it did not run.</summary>
    /// <param name="ImagesPerSecond">Images over the timed epoch's wall time.</param>
    /// <param name="StepSeconds">Median and fast-decile seconds per iteration (batch wait included), or NaN.</param>
    /// <param name="Detail">The JSON result line, or why there is none.</param>
    public sealed record Outcome(double? ImagesPerSecond, (double Median, double FastDecile) StepSeconds, string Detail)
    {
        public Outcome(string reason) : this(null, (double.NaN, double.NaN), reason) { }
    }

    public static Outcome Run(string? python, string dataRoot, int? imagesPerClass, int batch, double width, TimeSpan timeout,
        string network = "smallalexnet", int inputSize = 224, bool bfloat16 = false, bool keepFreedMemory = false)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "pytorch", "train_epoch.py");
        if (!File.Exists(script))
            return new Outcome($"script not found at {script}");
        string interpreter = python ?? (File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
        var start = new ProcessStartInfo(interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-u", script, "--data", dataRoot, "--batch-size", batch.ToString(CultureInfo.InvariantCulture),
                     "--width", width.ToString("R", CultureInfo.InvariantCulture), "--threads", "2", "--workers", "2",
                     "--network", network, "--input-size", inputSize.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        if (bfloat16)
            start.ArgumentList.Add("--bf16");
        if (keepFreedMemory)
        {
            // The glibc settings HideAndSeek.NET applies in-process (Torch/NativeHeapTuning), given to PyTorch the way a
            // PyTorch user would: through the environment.
            start.Environment["MALLOC_MMAP_MAX_"] = "0";
            start.Environment["MALLOC_TRIM_THRESHOLD_"] = int.MaxValue.ToString(CultureInfo.InvariantCulture);
        }
        if (imagesPerClass is int n)
        {
            start.ArgumentList.Add("--max-per-class");
            start.ArgumentList.Add(n.ToString(CultureInfo.InvariantCulture));
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"{interpreter} did not start");
        }
        catch (Win32Exception e)
        {
            return new Outcome($"{SkipMessage}; {interpreter} could not be started: {e.Message}");
        }
        using (process)
        {
            var stdout = new List<string>();
            var stderr = new List<string>();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.Add(e.Data); };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                    return;
                lock (stderr)
                    stderr.Add(e.Data);
                Console.WriteLine($"#   pytorch: {e.Data}"); // progress, so a long run shows signs of life
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return new Outcome($"timed out after {timeout.TotalMinutes:F0} min");
            }
            process.WaitForExit(); // drains the redirected streams
            if (process.ExitCode == MissingPackagesExitCode)
                return new Outcome($"{SkipMessage} ({interpreter}: {stderr.LastOrDefault() ?? "imports failed"})");
            if (process.ExitCode != 0)
                return new Outcome($"{interpreter} {Path.GetFileName(script)} exited with {process.ExitCode}: {string.Join(" | ", stderr.TakeLast(5))}");
            string? last = stdout.LastOrDefault(l => l.TrimStart().StartsWith('{'));
            if (last is null)
                return new Outcome("the script printed no JSON result");
            using var json = JsonDocument.Parse(last);
            var root = json.RootElement;
            double ips = root.GetProperty("images_per_second").GetDouble();
            return new Outcome(ips, (root.GetProperty("step_seconds_median").GetDouble(), root.GetProperty("step_seconds_p10").GetDouble()), last);
        }
    }
}
