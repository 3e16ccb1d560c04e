using HideAndSeek.Evaluation;
using HideAndSeek.GapClassifier;
using Spectre.Console;
using System.Globalization;

namespace HideAndSeek.Cli.Workflow;

/// <summary>What the commands print: epoch lines, result tables.</summary>
internal static class ConsoleReport
{
    // Plain lines: Spectre wraps markup at 80 columns when output is redirected (logs, CI).
    public static void Epoch(EpochReport r) => System.Console.WriteLine(r.ToString());

    public static void Info(string line) => System.Console.WriteLine(line);

    /// <summary>
    /// A Spectre console on the current Console.Out (which tests and callers may redirect). Redirected output (a log
    /// file, a pipe) would otherwise be cut at 80 columns, which truncates the result table's headers.
    /// </summary>
    public static IAnsiConsole Console()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });
        if (System.Console.IsOutputRedirected)
            console.Profile.Width = RedirectedWidth;
        return console;
    }

    private const int RedirectedWidth = 160;

    public static void Metrics(LocalizationMetrics m, string title)
    {
        var console = Console();
        var table = new Table().Title(Markup.Escape(title)).Border(TableBorder.Rounded);
        table.AddColumns("CAM threshold", "GT-known loc", "Top-1 loc", "Top-5 loc", "Top-1 clas", "Top-5 clas", "CAM area", "box recall");
        foreach (var row in m.PerThreshold)
        {
            bool selected = ReferenceEquals(row, m.SelectedThreshold);
            table.AddRow(F(row.Threshold, 2) + (selected ? " *" : ""), P(row.GroundTruthKnownLocalization), P(row.Top1Localization),
                P(row.Top5Localization), P(m.Top1Classification), P(m.Top5Classification), P(row.ForegroundShare), P(row.BoxRecall));
        }
        console.Write(table);
        console.MarkupLine(Markup.Escape($"* selected on the {(m.ThresholdSelectedOnSelectionSplit ? "selection split (training images)" : "reported split itself")}; {m.Count} images"));
        console.MarkupLine(Markup.Escape($"CAM area: share of the image above the threshold (ground-truth boxes cover {P(m.GroundTruthBoxShare)}); box recall: share of the ground-truth box above it"));
        if (m.MaxBoxAccV2 is double v2)
        {
            string perIoU = string.Join(", ", m.MaxBoxAcc.Select(p => $"IoU {p.Key}: {P(p.Value)}"));
            console.MarkupLine(Markup.Escape($"MaxBoxAccV2 {P(v2)} ({perIoU}); MaxBoxAcc (V1) {P(m.MaxBoxAccV1 ?? double.NaN)}; {m.MaxBoxAccConvention} boxes"));
        }
        string centreV2 = m.CentreBoxMaxBoxAccV2 is double c ? $"; MaxBoxAccV2 {P(c)} (best box per IoU level)" : "";
        console.MarkupLine(Markup.Escape($"centre-box baseline: GT-known loc {P(m.CentreBoxBaseline)} (box of {F(m.CentreBoxAreaFraction, 2)} of the image, " +
            $"chosen on the {(m.ThresholdSelectedOnSelectionSplit ? "selection split" : "reported split")}){centreV2}"));
        if (m.PixelAveragePrecision is double pxap)
            console.MarkupLine(Markup.Escape($"PxAP {P(pxap)} (pixel average precision of the ground-truth class's heatmap against the object masks, {m.PixelAveragePrecisionImages} images)"));
        if (m.PartMass is { } part)
        {
            console.MarkupLine(Markup.Escape($"heatmap mass ({part.Images} images with a part box): {P(part.InPart)} in the part (area {P(part.PartArea)}), " +
                $"{P(part.InObjectOutsidePart)} in the rest of the object (area {P(part.ObjectOutsidePartArea)}), {P(part.OutsideObject)} outside it"));
        }
    }

    private static string P(double v) => double.IsNaN(v) ? "n/a" : (100 * v).ToString("F2", CultureInfo.InvariantCulture);

    private static string F(double v, int d) => v.ToString("F" + d, CultureInfo.InvariantCulture);
}
