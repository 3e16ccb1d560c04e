using Microsoft.ML;
using System.Diagnostics;

namespace HideAndSeek.Tests.TestSupport;

/// <summary>
/// Runs this test assembly as a separate process. The child starts with nothing of ours loaded, the situation of a
/// user who loads a model zip in a new application.
/// </summary>
public static class TestProcess
{
    public static int Main(string[] args)
    {
        if (args.Length == 0)
            return 0;
        try
        {
            switch (args[0])
            {
                case "transform":
                    // transform <model.zip> <input.idv> <output.idv>: load the model, score the rows, save the result.
                    var ml = new MLContext(seed: 1);
                    var model = ml.Model.Load(args[1], out _);
                    var input = ml.Data.LoadFromBinary(args[2]);
                    using (var stream = File.Create(args[3]))
                        ml.Data.SaveAsBinary(model.Transform(input), stream, keepHidden: false);
                    return 0;
                case "describe-hiding":
                    // describe-hiding <model.zip>: print the hiding step's options as the loaded model reports them.
                    var loaded = new MLContext().Model.Load(args[1], out _);
                    var hiding = HideAndSeek.HideAndSeekModel.Find<HideAndSeek.Hiding.ImageHidingTransformer>(loaded)
                        ?? throw new InvalidOperationException("no hiding step found");
                    var o = hiding.Options;
                    Console.WriteLine($"sizes={string.Join(",", hiding.PatchSizes)} p={o.HideProbability} fill={o.Fill} " +
                        $"value={string.Join(",", hiding.FillValue.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))} " +
                        $"seed={hiding.Seed} in={o.InputColumnName} out={o.OutputColumnName} image={hiding.Channels}x{hiding.ImageHeight}x{hiding.ImageWidth}");
                    return 0;
                case "cli":
                    // cli <args...>: the hideandseek command line in a process of its own (signals, exit codes).
                    return HideAndSeek.Cli.Program.Main(args[1..]);
                case "single-thread-batch-invariance":
                    // single-thread-batch-invariance: torch's thread count set to 1 in a process of its own (see the test).
                    return HideAndSeek.Tests.Networks.SingleThreadBatchInvarianceTests.RunInThisProcess();
                case "conv-regression":
                    // conv-regression: the convolution regression cases under this process's environment (e.g. DNNL_MAX_CPU_ISA).
                    return HideAndSeek.Tests.Torch.ConvolutionRegression.RunAll();
                case "gc-stress":
                    // gc-stress [all|networks|loops] [loop scale]: under the GC-stress startup hook (Torch/GcStressTests).
                    return HideAndSeek.Tests.Torch.GcStressScenario.Run(args[1..]);
                case "lifetime-fit-drop":
                    // lifetime-fit-drop <count>: fit, score and drop small pipelines, printing memory after each.
                    return HideAndSeek.Tests.ModelFormat.ModelLifetimeRuns.FitScoreAndDrop(int.Parse(args[1]));
                case "lifetime-fit-save":
                    // lifetime-fit-save <dir> <count>: fit small pipelines and save them as zips.
                    return HideAndSeek.Tests.ModelFormat.ModelLifetimeRuns.FitAndSave(args[1], int.Parse(args[2]));
                case "lifetime-hot-reload":
                    // lifetime-hot-reload <dir> <count>: serve the zips through a watched-file pool, one after another.
                    return HideAndSeek.Tests.ModelFormat.ModelLifetimeRuns.HotReload(args[1], int.Parse(args[2]));
                default:
                    Console.Error.WriteLine($"unknown command {args[0]}");
                    return 2;
            }
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e);
            return 1;
        }
    }

    /// <summary>Starts the child without waiting: for tests that signal it while it runs.</summary>
    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(TestProcess).Assembly.Location);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }

    /// <summary>Runs the child with <paramref name="args"/>; returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Run(params string[] args) =>
        RunWithEnvironment(new Dictionary<string, string>(), args);

    /// <summary>Runs the child with extra environment variables.</summary>
    public static (int ExitCode, string Output) RunWithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunWithEnvironment(environment, TimeSpan.FromMinutes(5), args);

    /// <summary>Runs a child that may take longer than five minutes on a busy machine (it is killed after <paramref name="timeout"/>).</summary>
    public static (int ExitCode, string Output) RunWithTimeout(TimeSpan timeout, params string[] args) =>
        RunWithEnvironment(new Dictionary<string, string>(), timeout, args);

    /// <summary>Runs the child with extra environment variables and a time limit of its own.</summary>
    public static (int ExitCode, string Output) RunWithEnvironment(IReadOnlyDictionary<string, string> environment, TimeSpan timeout,
        params string[] args)
    {
        var assembly = typeof(TestProcess).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        info.ArgumentList.Add(assembly);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"child process did not finish in {timeout.TotalMinutes:F0} minutes");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Saves <paramref name="model"/> and <paramref name="input"/>, transforms in a child process, reads the result.</summary>
    public static IDataView TransformInChild(MLContext ml, ITransformer model, IDataView input, string directory)
    {
        Directory.CreateDirectory(directory);
        string zip = Path.Combine(directory, "model.zip"), inPath = Path.Combine(directory, "input.idv"), outPath = Path.Combine(directory, "output.idv");
        ml.Model.Save(model, input.Schema, zip);
        using (var stream = File.Create(inPath))
            ml.Data.SaveAsBinary(input, stream, keepHidden: false);
        var (code, output) = Run("transform", zip, inPath, outPath);
        Assert.True(code == 0, $"child process failed ({code}):\n{output}");
        return ml.Data.LoadFromBinary(outPath);
    }
}
