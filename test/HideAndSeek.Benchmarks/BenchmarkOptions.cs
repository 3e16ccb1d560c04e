namespace HideAndSeek.Benchmarks;

/// <summary>The command line: which suite to run, where the data is and how big the runs are.</summary>
internal sealed record BenchmarkOptions(string Suite, string? DataRoot, bool Quick, string? Python, string? Cache = null)
{
    public const string Usage =
        "usage: dotnet run -c Release --project test/HideAndSeek.Benchmarks -- [hiding|train|scoring|all|resnet|diagnose|phases|precision|full|boxes] [--data <root>] [--quick] [--python <path>] [--cache <folder>]\n" +
        "  hiding   cost of HidePatches per image (raw and through IDataView) against a training step\n" +
        "  train    pure tensor step, sgemm, end-to-end epoch, PyTorch reference, memory, all architectures\n" +
        "  scoring  images/s of scoring with and without LocalizeWithCam; a MaxBoxAccV2 evaluation over 10,000 heatmaps\n" +
        "  all      hiding, scoring and train (default)\n" +
        "  boxes    MaxBoxAccV2's heatmap-to-box work: HeatmapBoxExtractor once per threshold vs one ThresholdSweep (not in all)\n" +
        "  resnet   only the train suite's ResNet18 comparison with PyTorch eager (f), about 10 minutes on 2 cores\n" +
        "  full     one epoch over a generated 100,000-image dataset: start-up costs, RSS per 10,000 images, peak RSS\n" +
        "           (about 20 minutes on 2 cores; the dataset is generated once under --cache, default the temp folder; not in all)\n" +
        "  diagnose where the end-to-end time goes: NCHW vs channels-last, JPEG vs cached pixels vs pure step, .NET vs\n" +
        "           PyTorch in turn (A/B/A/B; not in all)\n" +
        "  phases   the diagnose suite's first part alone: loader stages and the step's phases against the end-to-end cycle\n" +
        "  precision bfloat16 mixed precision against float32 (steps, epochs) and PyTorch's bf16 autocast (not in all)\n" +
        "  --data   Tiny ImageNet layout root (default: shared/data/tiny-imagenet-10 found above the working and binary folders)\n" +
        "  --quick  tiny sizes for a smoke run (well under a minute)\n" +
        "  --cache  folder for generated datasets\n" +
        "  --python interpreter for the PyTorch reference (default /usr/bin/python3, Debian's, where python3-torch installs)";

    public bool RunsHiding => Suite is "hiding" or "all";

    public bool RunsTrain => Suite is "train" or "all";

    public bool RunsScoring => Suite is "scoring" or "all";

    public bool RunsDiagnose => Suite is "diagnose";

    public bool RunsFullDataset => Suite is "full";

    public bool RunsResNetOnly => Suite is "resnet";

    public bool RunsPrecision => Suite is "precision";

    public bool RunsPhasesOnly => Suite is "phases";

    public bool RunsBoxes => Suite is "boxes";

    public BenchmarkSizes Sizes => Quick ? BenchmarkSizes.QuickRun : BenchmarkSizes.FullRun;

    /// <summary>Parses the arguments; null with <paramref name="error"/> set when they are wrong or help was asked for.</summary>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        string suite = "all";
        string? data = null, python = null, cache = null;
        bool quick = false, suiteSeen = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--quick":
                    quick = true;
                    break;
                case "--data" or "--python" or "--cache" when i + 1 < args.Count:
                    if (arg == "--data")
                        data = args[++i];
                    else if (arg == "--cache")
                        cache = args[++i];
                    else
                        python = args[++i];
                    break;
                case "--data" or "--python" or "--cache":
                    error = $"{arg} needs a value.";
                    return null;
                case "-h" or "--help":
                    error = "";
                    return null;
                case "hiding" or "train" or "scoring" or "all" or "resnet" or "diagnose" or "precision" or "phases" or "full" or "boxes" when !suiteSeen:
                    suite = arg;
                    suiteSeen = true;
                    break;
                default:
                    error = $"Unknown argument '{arg}'.";
                    return null;
            }
        }
        error = null;
        return new BenchmarkOptions(suite, data, quick, python, cache);
    }
}
