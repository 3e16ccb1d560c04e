using HideAndSeek.Evaluation;
using Microsoft.ML;
using System.Globalization;

namespace HideAndSeek.Visualization;

/// <summary>
/// The seed's <c>--do_vis</c> as files: for chosen scored images one PNG panel each with the raw image, the CAM
/// heatmap in the jet colour map, the overlay with the true and predicted class, and the ground-truth (red) and
/// predicted (green) boxes with their IoU; plus an <c>index.html</c> that lists the panels. Given metrics, the green
/// boxes are drawn at the threshold and box mode those metrics selected and scored (see
/// <see cref="VisualizationOptions.BoxThreshold"/>); each panel and the page state the threshold.
/// </summary>
public static class LocalizationVisualizer
{
    /// <summary>
    /// Writes one PNG panel per chosen row of <paramref name="scored"/> (named <c>panel-NN-rowR.png</c>, NN the panel's
    /// rank) and <c>index.html</c> into <paramref name="outputDirectory"/>. Rows are read twice at most (once to choose by
    /// IoU or at random, once to draw); only the chosen rows' images are read, one at a time.
    /// </summary>
    /// <param name="scored">
    /// Data scored by a pipeline ending in <c>LocalizeWithCam</c>: pixels, heatmap and predicted box, and where present
    /// the label, predicted label, scores and ground-truth box (column names in <paramref name="options"/>).
    /// </param>
    /// <param name="outputDirectory">Folder for the panels and the page; created when needed.</param>
    /// <param name="options">What to draw and the column names; null for the defaults (16 panels, first rows, 4x).</param>
    /// <param name="metrics">
    /// Metrics to show as a table at the top of the page (from <c>ml.Localization().Evaluate</c>); optional. Unless
    /// <see cref="VisualizationOptions.BoxThreshold"/> is set, the predicted boxes are then drawn from the heatmap at
    /// the metrics' selected threshold with their box mode, so the pictures show what the table scores.
    /// </param>
    /// <returns>The full paths of the panels in page order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A required column is missing or has the wrong type, or an option is out of range.</exception>
    public static IReadOnlyList<string> WritePanels(IDataView scored, string outputDirectory, VisualizationOptions? options = null,
        LocalizationMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        options ??= new VisualizationOptions();
        options.Validate();
        var boxRule = PanelBoxRule.Resolve(options, metrics);
        var columns = ScoredColumns.Resolve(scored.Schema, options, boxRule);
        var rows = PanelRowSelector.Select(scored, columns, options.Selection, options.Count, options.Seed);

        Directory.CreateDirectory(outputDirectory);
        var layout = new PanelLayout(columns.Height, columns.Width, options.Scale);
        var rank = new Dictionary<long, int>(rows.Count);
        for (int i = 0; i < rows.Count; i++)
            rank[rows[i]] = i;
        var entries = new VisualizationIndexPage.Entry?[rows.Count];
        var paths = new string?[rows.Count];
        int digits = Math.Max(2, (rows.Count - 1).ToString(CultureInfo.InvariantCulture).Length);
        long last = rows.Count == 0 ? -1 : rows.Max();

        using (var cursor = scored.GetRowCursor(columns.All))
        {
            var read = columns.BindRow(cursor);
            int written = 0;
            while (written < rows.Count && cursor.Position < last && cursor.MoveNext())
            {
                if (!rank.TryGetValue(cursor.Position, out int index))
                    continue;
                var row = read();
                string fileName = string.Create(CultureInfo.InvariantCulture, $"panel-{index.ToString("D" + digits, CultureInfo.InvariantCulture)}-row{row.RowIndex}.png");
                string path = Path.GetFullPath(Path.Combine(outputDirectory, fileName));
                PanelRenderer.Render(row, layout, options.JetAlpha, boxRule.PanelText).SavePng(path);
                paths[index] = path;
                entries[index] = new VisualizationIndexPage.Entry(fileName, row.RowIndex, row.LabelName, row.PredictedName, row.Probability, row.IoU);
                written++;
            }
        }

        // Rows can only be missing when the data changed between the passes; list what was written.
        var writtenEntries = entries.OfType<VisualizationIndexPage.Entry>().ToList();
        VisualizationIndexPage.Write(outputDirectory, writtenEntries, options.Selection, metrics, columns.HasPredictedBoxes ? boxRule.PageText : null);
        return paths.OfType<string>().ToList();
    }
}
