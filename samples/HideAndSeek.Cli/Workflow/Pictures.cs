using HideAndSeek.Evaluation;
using HideAndSeek.Visualization;
using Microsoft.ML;
using Microsoft.ML.Data;
using System.Globalization;

namespace HideAndSeek.Cli.Workflow;

/// <summary>
/// The test command's pictures: panels of image, heatmap, overlay and boxes, with an index page. The boxes are drawn at
/// the threshold and box mode the evaluation selected and scored, as its table reports them.
/// </summary>
internal static class Pictures
{
    /// <param name="outcome">The evaluation whose scored rows are drawn.</param>
    /// <param name="settings">Where and how many.</param>
    /// <param name="watch">Wraps the scored view before each page reads it (progress, cancellation); null reads it as it is.</param>
    public static string Write(EvaluationRun.Outcome outcome, TestSettings settings, Func<IDataView, string, IDataView>? watch = null)
    {
        watch ??= (view, _) => view;
        var folder = Path.Combine(Path.GetDirectoryName(outcome.Info["model"])!, settings.MultiCrop ? "vis-multicrop" : "vis");
        // The seed shows well-localised examples; a page of the best and worst is more honest.
        int half = Math.Max(1, settings.VisCount / 2);
        var names = ClassNames(outcome.Scored);
        LocalizationVisualizer.WritePanels(watch(outcome.Scored, "pictures, best IoU"), Path.Combine(folder, "best"),
            new VisualizationOptions { Count = half, Selection = PanelSelection.BestIoU, ClassNames = names }, outcome.Metrics);
        LocalizationVisualizer.WritePanels(watch(outcome.Scored, "pictures, worst IoU"), Path.Combine(folder, "worst"),
            new VisualizationOptions { Count = half, Selection = PanelSelection.WorstIoU, ClassNames = names }, outcome.Metrics);
        LocalizationVisualizer.WritePanels(watch(outcome.Scored, "pictures, random"), folder,
            new VisualizationOptions { Count = settings.VisCount, Selection = PanelSelection.Random, Seed = settings.Seed, ClassNames = names },
            outcome.Metrics);
        return folder;
    }

    /// <summary>The console line that points to the pictures and says which boxes they show.</summary>
    public static string Line(string folder, LocalizationMetrics metrics) =>
        $"pictures: {Path.Combine(folder, "index.html")} (boxes at the selected threshold " +
        $"{metrics.SelectedThreshold.Threshold.ToString("0.00", CultureInfo.InvariantCulture)}, {BoxModeNames.Of(metrics.BoxMode)})";

    /// <summary>
    /// wnid to readable name from the reader's Label key and LabelName text columns, so that panels say "ladybug"
    /// rather than "n02165456"; null when either column is missing. Reads only those two columns (no scoring).
    /// </summary>
    internal static IReadOnlyDictionary<string, string>? ClassNames(IDataView scored)
    {
        if (scored.Schema.GetColumnOrNull("Label") is not { Type: KeyDataViewType } label
            || scored.Schema.GetColumnOrNull("LabelName") is not { Type: TextDataViewType } name
            || label.Annotations.Schema.GetColumnOrNull("KeyValues") is null) // AnnotationUtils.Kinds.KeyValues is internal
        {
            return null;
        }

        VBuffer<ReadOnlyMemory<char>> keys = default;
        label.GetKeyValues(ref keys);
        var wnids = keys.DenseValues().Select(k => k.ToString()).ToArray();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        using var cursor = scored.GetRowCursor([label, name]);
        var keyGetter = cursor.GetGetter<uint>(label);
        var nameGetter = cursor.GetGetter<ReadOnlyMemory<char>>(name);
        uint key = 0;
        ReadOnlyMemory<char> text = default;
        while (cursor.MoveNext() && names.Count < wnids.Length)
        {
            keyGetter(ref key);
            nameGetter(ref text);
            if (key >= 1 && key <= wnids.Length && text.Length > 0)
                names.TryAdd(wnids[key - 1], text.ToString());
        }
        return names;
    }
}
