using HideAndSeek.Cli.Workflow;
using Spectre.Console;
using System.CommandLine;
using System.Globalization;
using System.Text;

namespace HideAndSeek.Cli.Commands;

/// <summary>report: several result files as one comparison table (the seed's parse_result.py).</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("results") { Description = "Result files written by 'test --output'.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Also write the table as Markdown to this file." };
        var average = new Option<bool>("--average-seeds") { Description = "Add a table with the mean and spread of runs that differ only in their seed." };
        var extent = new Option<double>("--extent-threshold")
        {
            Description = "CAM threshold at which the averages table compares CAM area and box recall (one threshold for every run).",
            DefaultValueFactory = _ => 0.2,
        };
        var command = new Command("report", "Compare result files in one table.") { files, output, average, extent };
        command.SetAction(parse =>
        {
            var results = parse.GetValue(files)!.Select(ResultFile.Read).ToList();
            var markdown = Markdown(results);
            if (parse.GetValue(average))
                markdown += Environment.NewLine + Averages(results, parse.GetValue(extent));
            Console.WriteLine(markdown);
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, markdown);
                Console.WriteLine($"written: {Path.GetFullPath(path)}");
            }
            return 0;
        });
        return command;
    }

    /// <summary>
    /// One row per run: classification, GT-known and Top-1 loc at each threshold, MaxBoxAccV2, centre box, and PxAP
    /// when some run was evaluated on data with object masks.
    /// </summary>
    public static string Markdown(IReadOnlyList<ResultFile> results)
    {
        bool pxap = results.Any(r => r.Get("pxap") is not null);
        bool partMass = results.Any(r => r.Get("part_mass") is not null);
        bool datasets = SpansDatasets(results);
        var thresholds = results.SelectMany(r => r.Values.Keys).Where(k => k.Metric == "gt_known_loc").Select(k => k.Threshold)
            .Distinct().OrderBy(t => double.Parse(t, CultureInfo.InvariantCulture)).ToList();
        var text = new StringBuilder();
        text.Append("| run | Top-1 clas |");
        foreach (var t in thresholds)
            text.Append(CultureInfo.InvariantCulture, $" GT-known @{t} |");
        foreach (var t in thresholds)
            text.Append(CultureInfo.InvariantCulture, $" Top-1 loc @{t} |");
        text.AppendLine(" selected t | MaxBoxAccV2 | centre box MaxBoxAccV2 | centre box GT-known |" + (pxap ? " PxAP |" : "") + (partMass ? PartMassHeader : ""));
        text.Append("|---|---:|").Append(string.Concat(Enumerable.Repeat("---:|", 2 * thresholds.Count)))
            .AppendLine("---:|---:|---:|---:|" + (pxap ? "---:|" : "") + (partMass ? "---:|---:|" : ""));
        foreach (var r in results)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {(datasets ? DatasetPrefix(r) : "")}{r.Name} | {P(r.Get("top1_clas"))} |");
            foreach (var t in thresholds)
                text.Append(CultureInfo.InvariantCulture, $" {P(r.Get("gt_known_loc", t))} |");
            foreach (var t in thresholds)
                text.Append(CultureInfo.InvariantCulture, $" {P(r.Get("top1_loc", t))} |");
            var selected = r.Values.Keys.FirstOrDefault(k => k.Metric == "selected_threshold").Threshold ?? "";
            string pxapCell = pxap ? $" {P(r.Get("pxap"))} |" : "";
            string partCells = partMass ? $" {P(r.Get("part_mass"))} | {P(r.Get("object_outside_part_mass"))} |" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $" {selected} | {P(r.Get("max_box_acc_v2"))} | {P(r.Get("centre_box_max_box_acc_v2"))} | {P(CentreValue(r))} |{pxapCell}{partCells}");
        }
        return text.ToString();
    }

    /// <summary>
    /// Runs grouped by everything but the seed: mean and (max - min) / 2 of Top-1 clas, GT-known and Top-1 loc at the
    /// selected threshold, MaxBoxAccV2, the centre box, and the heatmap's extent (CAM area, box recall) at one fixed
    /// threshold, so that runs whose selected thresholds differ are still compared on the same footing.
    /// </summary>
    public static string Averages(IReadOnlyList<ResultFile> results, double extentThreshold)
    {
        var text = new StringBuilder();
        string at = extentThreshold.ToString("F2", CultureInfo.InvariantCulture);
        bool pxap = results.Any(r => r.Get("pxap") is not null);
        bool partMass = results.Any(r => r.Get("part_mass") is not null);
        bool datasets = SpansDatasets(results);
        string pxapHeader = pxap ? " PxAP |" : "";
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| setting | runs | Top-1 clas | GT-known loc (selected t) | Top-1 loc (selected t) | MaxBoxAccV2 | centre box MaxBoxAccV2 | centre box GT-known | CAM area @{at} | box recall @{at} |{pxapHeader}{(partMass ? PartMassHeader : "")}");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + (pxap ? "---:|" : "") + (partMass ? "---:|---:|" : ""));
        // Runs on different datasets are never averaged together, even when their settings agree.
        foreach (var group in results.GroupBy(r => (datasets ? DatasetPrefix(r) : "") + Setting(r)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            string Cell(Func<ResultFile, double?> metric)
            {
                var values = group.Select(metric).OfType<double>().ToList();
                if (values.Count == 0)
                    return "-";
                double mean = values.Average(), spread = (values.Max() - values.Min()) / 2;
                return values.Count == 1 ? P(mean) : $"{P(mean)} ± {(100 * spread).ToString("F2", CultureInfo.InvariantCulture)}";
            }
            string pxapCell = pxap ? $" {Cell(r => r.Get("pxap"))} |" : "";
            string partCells = partMass ? $" {Cell(r => r.Get("part_mass"))} | {Cell(r => r.Get("object_outside_part_mass"))} |" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} | {Cell(r => r.Get("top1_clas"))} | " +
                $"{Cell(r => AtSelected(r, "gt_known_loc"))} | {Cell(r => AtSelected(r, "top1_loc"))} | {Cell(r => r.Get("max_box_acc_v2"))} | {Cell(r => r.Get("centre_box_max_box_acc_v2"))} | {Cell(CentreValue)} | " +
                $"{Cell(r => r.Get("cam_area", at))} | {Cell(r => r.Get("box_recall", at))} |{pxapCell}{partCells}");
        }
        return text.ToString();
    }

    /// <summary>Columns for the share of heatmap mass in the part boxes (pets' heads) and on the rest of the object.</summary>
    private const string PartMassHeader = " mass in part box | mass on rest of object |";

    private static bool SpansDatasets(IReadOnlyList<ResultFile> results) => results.Select(DatasetName).Distinct().Count() > 1;

    private static string DatasetName(ResultFile r) =>
        r.Info.TryGetValue("dataset", out var path) ? System.IO.Path.GetFileName(path.TrimEnd('/', '\\')) : "";

    private static string DatasetPrefix(ResultFile r) => $"data={DatasetName(r)} ";

    private static string Setting(ResultFile r)
    {
        var parts = new[] { "method", "hide", "width", "epochs", "multi_crop" }
            .Where(r.Info.ContainsKey).Select(k => k == "method" ? r.Info[k] : $"{k}={r.Info[k]}");
        var text = string.Join(' ', parts) + ResultFile.BackboneSuffix(r.Info) + ResultFile.BoxModeSuffix(r.Info);
        return text.Length > 0 ? text : r.Name;
    }

    private static double? AtSelected(ResultFile r, string metric)
    {
        var selected = r.Values.Keys.FirstOrDefault(k => k.Metric == "selected_threshold").Threshold;
        return selected is null ? null : r.Get(metric, selected);
    }

    private static double? CentreValue(ResultFile r)
    {
        var key = r.Values.Keys.FirstOrDefault(k => k.Metric == "centre_box");
        return key.Metric is null ? null : r.Get("centre_box", key.Threshold);
    }

    private static string P(double? v) => v is double d ? (100 * d).ToString("F2", CultureInfo.InvariantCulture) : "-";
}
