using HideAndSeek.Evaluation;
using System.Globalization;

namespace HideAndSeek.Cli.Workflow;

/// <summary>
/// The test command's result file: "# key TAB value" lines describing the run, then the metrics as TSV (metric,
/// threshold, value). The report command reads any number of them.
/// </summary>
internal sealed class ResultFile
{
    public required string Path { get; init; }

    public required Dictionary<string, string> Info { get; init; }

    /// <summary>(metric, threshold) -> value.</summary>
    public required Dictionary<(string Metric, string Threshold), string> Values { get; init; }

    public static void Write(string path, IReadOnlyDictionary<string, string> info, LocalizationMetrics metrics)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        using var writer = new StreamWriter(path);
        foreach (var (key, value) in info)
            writer.WriteLine($"# {key}\t{value}");
        writer.Write(metrics.ToTsv());
    }

    public static ResultFile Read(string path)
    {
        if (!File.Exists(path))
            throw new UserError($"result file '{path}' does not exist");
        var info = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new Dictionary<(string, string), string>();
        int number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || line.StartsWith("metric\t", StringComparison.Ordinal))
                continue;
            var fields = line.Split('\t');
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                if (fields.Length == 2)
                    info[fields[0][2..]] = fields[1];
                continue;
            }
            if (fields.Length != 3)
                throw new UserError($"{path}, line {number}: expected 'metric TAB threshold TAB value', got '{line}'");
            values[(fields[0], fields[1])] = fields[2];
        }
        if (values.Count == 0)
            throw new UserError($"{path} holds no metrics; is it a result file written by 'test --output'?");
        return new ResultFile { Path = path, Info = info, Values = values };
    }

    public double? Get(string metric, string threshold = "") =>
        Values.TryGetValue((metric, threshold), out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value : null;

    /// <summary>A short name for the run: the method and hiding from the file, else the file name.</summary>
    public string Name =>
        Info.TryGetValue("run", out var run) ? run
        : Info.TryGetValue("method", out var method)
            ? $"{method}{BackboneSuffix(Info)} hide={Info.GetValueOrDefault("hide", "?")} seed={Info.GetValueOrDefault("seed", "?")}{BoxModeSuffix(Info)}"
        : System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>" backbone=... input=..." for a pretrained backbone (ResNet18), else nothing.</summary>
    public static string BackboneSuffix(IReadOnlyDictionary<string, string> info) =>
        (info.TryGetValue("backbone", out var backbone) ? $" backbone={backbone}" : "") +
        (info.TryGetValue("input", out var input) ? $" input={input}" : "");

    /// <summary>" box=..." for a box mode other than the seed's (files without one used the seed's).</summary>
    public static string BoxModeSuffix(IReadOnlyDictionary<string, string> info) =>
        info.TryGetValue("box_mode", out var mode) && mode != BoxModeNames.Of(HideAndSeek.Boxes.BoxMode.AllForeground) ? $" box={mode}" : "";
}
