using HideAndSeek.Benchmarks;
using HideAndSeek.Torch;
using System.Runtime.InteropServices;
using static HideAndSeek.Benchmarks.ResultLog;

// Side-by-side throughput benchmarks of HideAndSeek.NET; see BenchmarkOptions.Usage. Plain console output, one result
// per line (key=value pairs, then " -- " and a sentence), so runs can be diffed and grepped.
var options = BenchmarkOptions.Parse(args, out string? error);
if (options is null)
{
    if (!string.IsNullOrEmpty(error))
        Console.Error.WriteLine(error);
    Console.WriteLine(BenchmarkOptions.Usage);
    return string.IsNullOrEmpty(error) ? 0 : 2;
}

TorchRuntime.Initialize(TorchDevice.Cpu);
Note($"HideAndSeek.Benchmarks suite={options.Suite}{(options.Quick ? " --quick (smoke sizes: the numbers mean nothing)" : "")}; " +
     $"{Environment.ProcessorCount} cores ({CpuIsa.Describe()}), {RuntimeInformation.FrameworkDescription}, torch threads {TorchRuntime.Threads}");
string? dataRoot = DatasetLocator.Find(options.DataRoot, out string why);
Note(dataRoot is null
    ? $"Tiny ImageNet sample not found ({why}): the real-data parts are skipped"
    : $"data {dataRoot}");

var total = System.Diagnostics.Stopwatch.StartNew();
if (options.RunsHiding)
    HidingSuite.Run(options.Sizes);
if (options.RunsScoring)
    ScoringSuite.Run(options.Sizes, dataRoot, options.Python);
if (options.RunsTrain)
    TrainSuite.Run(options.Sizes, dataRoot, options.Python);
if (options.RunsResNetOnly)
    TrainSuite.RunResNetOnly(options.Sizes, dataRoot, options.Python);
if (options.RunsFullDataset)
    FullDatasetSuite.Run(options.Sizes, options.Cache);
if (options.RunsPhasesOnly && dataRoot is not null)
    PhaseBreakdown.Run(options.Sizes, dataRoot);
if (options.RunsPrecision)
    PrecisionSuite.Run(options.Sizes, dataRoot, options.Python);
if (options.RunsBoxes)
    BoxesSuite.Run(options.Sizes);
if (options.RunsDiagnose)
    DiagnoseSuite.Run(options.Sizes, dataRoot, options.Python);
// stderr, so the train suite's summary stays the last line of stdout.
Console.Error.WriteLine($"# done in {total.Elapsed.TotalSeconds:F0} s");
return 0;
