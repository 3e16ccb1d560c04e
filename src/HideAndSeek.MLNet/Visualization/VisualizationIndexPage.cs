using HideAndSeek.Evaluation;
using System.Globalization;
using System.Net;
using System.Text;

namespace HideAndSeek.Visualization;

/// <summary>Writes <c>index.html</c> beside the panels: the metrics table when given, then every panel with a caption.</summary>
internal static class VisualizationIndexPage
{
    /// <summary>File name of the page in the output folder.</summary>
    public const string FileName = "index.html";

    /// <summary>What the page says about one panel.</summary>
    /// <param name="FileName">The panel's PNG file name (relative to the page).</param>
    /// <param name="RowIndex">Row of the scored data.</param>
    /// <param name="LabelName">True class, or null.</param>
    /// <param name="PredictedName">Predicted class, or null.</param>
    /// <param name="Probability">Probability of the prediction, or null.</param>
    /// <param name="IoU">IoU with the ground truth, or null.</param>
    public sealed record Entry(string FileName, long RowIndex, string? LabelName, string? PredictedName, float? Probability, double? IoU);

    /// <param name="folder">Where the page goes.</param>
    /// <param name="entries">The panels in page order.</param>
    /// <param name="selection">How the panels were chosen.</param>
    /// <param name="metrics">The metrics table, or null.</param>
    /// <param name="boxes">What the green boxes are (their threshold and why), or null when there are none.</param>
    public static string Write(string folder, IReadOnlyList<Entry> entries, PanelSelection selection, LocalizationMetrics? metrics, string? boxes = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>CAM localisation</title>\n<style>\n")
            .Append("body { font-family: sans-serif; background: #202020; color: #e8e8e8; margin: 1.5em; }\n")
            .Append("table { border-collapse: collapse; margin: 0.5em 0 1em; }\n")
            .Append("th, td { border: 1px solid #555; padding: 0.25em 0.6em; }\n")
            .Append("figure { margin: 0 0 1.5em; }\nimg { image-rendering: pixelated; max-width: 100%; }\n")
            .Append("figcaption { margin-top: 0.3em; }\n</style>\n</head>\n<body>\n")
            .Append("<h1>CAM localisation</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>{entries.Count} images ({Describe(selection)}). Each panel: the image, its class activation map ")
            .Append("(jet: blue low, red high), the overlay with the true and predicted class, and the ground-truth box (red) ")
            .Append("with the predicted box (green).</p>\n");
        if (boxes is not null)
            html.Append("<p class=\"boxes\">").Append(WebUtility.HtmlEncode(boxes)).Append("</p>\n");
        if (metrics is not null)
            html.Append("<h2>Metrics</h2>\n").Append(MarkdownHtml.Convert(metrics.ToMarkdown()));
        html.Append("<h2>Panels</h2>\n");
        foreach (var entry in entries)
        {
            string caption = Caption(entry);
            html.Append("<figure>\n<img src=\"").Append(WebUtility.HtmlEncode(Uri.EscapeDataString(entry.FileName)))
                .Append("\" alt=\"").Append(WebUtility.HtmlEncode(caption)).Append("\">\n<figcaption>")
                .Append(WebUtility.HtmlEncode(caption)).Append("</figcaption>\n</figure>\n");
        }
        html.Append("</body>\n</html>\n");
        string path = Path.Combine(folder, FileName);
        File.WriteAllText(path, html.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    /// <summary>"row 12 · label: cat · predicted: dog (87.3%) · IoU 0.71", leaving out what is unknown.</summary>
    internal static string Caption(Entry entry)
    {
        var parts = new List<string> { "row " + entry.RowIndex.ToString(CultureInfo.InvariantCulture) };
        if (entry.LabelName is { } label)
            parts.Add("label: " + label);
        if (entry.PredictedName is { } predicted)
            parts.Add("predicted: " + predicted + (entry.Probability is { } p ? $" ({PanelRenderer.Percent(p)})" : ""));
        if (entry.IoU is { } iou)
            parts.Add("IoU " + PanelRenderer.IoUText(iou));
        return string.Join(" \u00b7 ", parts);
    }

    private static string Describe(PanelSelection selection) => selection switch
    {
        PanelSelection.BestIoU => "highest IoU first",
        PanelSelection.WorstIoU => "lowest IoU first",
        PanelSelection.Random => "a random sample",
        _ => "the first rows",
    };
}
