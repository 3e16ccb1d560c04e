using HideAndSeek.Boxes;
using HideAndSeek.Evaluation;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.Visualization;
using Microsoft.ML;
using Microsoft.ML.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using System.Net;
using System.Text.RegularExpressions;

namespace HideAndSeek.Tests.Visualization;

public class LocalizationVisualizerTests
{
    private static readonly Rgba32 Grey = new(100, 100, 100);
    private static readonly Rgba32 Red = new(255, 0, 0);
    private static readonly Rgba32 Green = new(0, 255, 0);

    public sealed class ScoredRow
    {
        [VectorType(3, 8, 8)]
        public float[] Pixels { get; set; } = Enumerable.Repeat(100f, 192).ToArray();

        // LoadFromEnumerable reads a KeyType field as a zero-based class index.
        [KeyType(3)]
        public uint Label { get; set; }

        [KeyType(3)]
        public uint PredictedLabel { get; set; }

        [VectorType(3)]
        public float[] Score { get; set; } = [0.1f, 0.2f, 0.7f];

        [VectorType(4)]
        public float[] Box { get; set; } = [1, 1, 5, 5];

        [VectorType(64)]
        public float[] Heatmap { get; set; } = new float[64];

        [VectorType(64)]
        public float[] GroundTruthHeatmap { get; set; } = new float[64];

        [VectorType(4)]
        public float[] PredictedBox { get; set; } = [3, 2, 7, 6];
    }

    private static IDataView Load(MLContext ml, IEnumerable<ScoredRow> rows)
    {
        var definition = SchemaDefinition.Create(typeof(ScoredRow));
        var names = new VBuffer<ReadOnlyMemory<char>>(3, new[] { "cat", "dog", "fox" }.Select(n => n.AsMemory()).ToArray());
        var namesType = new VectorDataViewType(TextDataViewType.Instance, 3);
        definition[nameof(ScoredRow.Label)].AddAnnotation("KeyValues", names, namesType);
        definition[nameof(ScoredRow.PredictedLabel)].AddAnnotation("KeyValues", names, namesType);
        return ml.Data.LoadFromEnumerable(rows.ToList(), definition);
    }

    /// <summary>A row whose predicted box has the given IoU with the ground truth (1, 1, 5, 5): 25 pixels.</summary>
    private static ScoredRow WithPredictedBox(float x0, float y0, float x1, float y1) => new() { PredictedBox = [x0, y0, x1, y1] };

    /// <summary>An 8 x 8 heatmap of 1 inside the box (inclusive pixels) and 0 elsewhere: its box at any threshold.</summary>
    private static float[] HeatmapOver(int x0, int y0, int x1, int y1)
    {
        var map = new float[64];
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
                map[y * 8 + x] = 1f;
        }

        return map;
    }

    /// <summary>
    /// A heatmap whose box depends on the threshold: 1 on the object (1, 1, 5, 5), 0.35 on the rest of rows 0 to 6,
    /// 0 on row 7. At 0.2 the box is (0, 0, 7, 6), IoU 25 / 56 with the object; at 0.5 it is the object.
    /// </summary>
    private static float[] PlateauAroundObject()
    {
        var map = new float[64];
        for (int y = 0; y < 7; y++)
        {
            for (int x = 0; x < 8; x++)
                map[y * 8 + x] = x is >= 1 and <= 5 && y is >= 1 and <= 5 ? 1f : 0.35f;
        }

        return map;
    }

    private static List<long> RowsOf(IReadOnlyList<string> paths) =>
        paths.Select(p => long.Parse(Regex.Match(Path.GetFileName(p), @"-row(\d+)\.png$").Groups[1].Value)).ToList();

    [Fact]
    public void Panel_draws_the_ground_truth_box_red_and_the_predicted_box_green_where_they_are()
    {
        var ml = new MLContext(1);
        var row = new ScoredRow { Label = 2, PredictedLabel = 2 };
        using var dir = new TempDirectory();
        var paths = LocalizationVisualizer.WritePanels(Load(ml, [row]), dir.Path);
        var path = Assert.Single(paths);
        using var image = Image.Load<Rgba32>(path);
        var layout = new PanelLayout(8, 8, 4);
        Assert.Equal((layout.Width, layout.Height), (image.Width, image.Height));
        int left = layout.TileLeft(PanelLayout.BoxTile), top = layout.TileTop;

        // Ground truth (1, 1, 5, 5) covers tile pixels 4..23; its 2 px outline is red where the prediction is not.
        Assert.Equal(Red, image[left + 4, top + 5]);
        Assert.Equal(Red, image[left + 5, top + 5]);
        Assert.Equal(Red, image[left + 6, top + 4]);
        Assert.Equal(Grey, image[left + 6, top + 6]);  // inside the outline: the image
        Assert.Equal(Grey, image[left + 3, top + 5]);  // outside it
        // Prediction (3, 2, 7, 6) covers tile pixels x 12..31, y 8..27.
        Assert.Equal(Green, image[left + 20, top + 8]);
        Assert.Equal(Green, image[left + 20, top + 9]);
        Assert.Equal(Green, image[left + 12, top + 11]);
        Assert.Equal(Green, image[left + 31, top + 11]);
        Assert.Equal(Grey, image[left + 20, top + 10]);
        Assert.Equal(Grey, image[left + 20, top + 7]);

        // The raw image tile has no boxes; the heatmap tile is jet(0) everywhere the text does not cover.
        Assert.Equal(Grey, image[layout.TileLeft(PanelLayout.ImageTile) + 4, top + 5]);
        Assert.Equal(new Rgba32(0, 0, 128), image[layout.TileLeft(PanelLayout.HeatmapTile) + 20, top + 20]);
    }

    [Fact]
    public void Index_page_references_every_panel_and_captions_label_prediction_probability_and_IoU()
    {
        var ml = new MLContext(1);
        // Given metrics, the boxes are drawn from the heatmaps: these give the predicted box column's boxes at any threshold.
        var rows = Enumerable.Range(0, 5).Select(i => new ScoredRow { Label = (uint)(i % 3), PredictedLabel = 2, Heatmap = HeatmapOver(3, 2, 7, 6) }).ToList();
        rows[2].PredictedBox = [1, 1, 5, 5];
        rows[2].Heatmap = HeatmapOver(1, 1, 5, 5);
        var scored = Load(ml, rows);
        var metrics = ml.Localization().Evaluate(scored, new LocalizationEvaluationOptions { ImageSize = (8, 8) });
        using var dir = new TempDirectory();
        var paths = LocalizationVisualizer.WritePanels(scored, dir.Path, new VisualizationOptions { Count = 4 }, metrics);

        Assert.Equal(4, paths.Count);
        Assert.Equal(new long[] { 0, 1, 2, 3 }, RowsOf(paths));
        string html = File.ReadAllText(dir.File("index.html"));
        var sources = Regex.Matches(html, "<img src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(paths.Select(Path.GetFileName), sources);
        Assert.All(paths, p => Assert.True(File.Exists(p)));
        Assert.Contains("label: cat", html);
        Assert.Contains("label: fox", html);
        Assert.Contains("predicted: fox (70.0%)", html);
        Assert.Contains("IoU 1.00", html);
        Assert.Contains("IoU 0.32", html);  // (3..5 x 2..5 = 12) / (25 + 25 - 12 = 38)
        Assert.Contains("<table>", html);
        Assert.Contains("<th style=\"text-align:right\">GT-known loc</th>", html);
        Assert.DoesNotContain("|", html);
    }

    [Fact]
    public void Given_metrics_the_boxes_are_those_of_the_selected_threshold_and_the_page_states_it()
    {
        var ml = new MLContext(1);
        var heatmap = PlateauAroundObject();
        // The predicted box column holds what a localiser at its default threshold 0.2 writes: the whole plateau.
        var atDefault = HeatmapBoxExtractor.ExtractBox(heatmap, 8, 8, 0.2, BoxMode.AllForeground);
        Assert.Equal(new BoundingBox(0, 0, 7, 6), atDefault);
        var rows = Enumerable.Range(0, 3).Select(_ => new ScoredRow
        {
            Label = 2,
            PredictedLabel = 2,
            Heatmap = heatmap,
            GroundTruthHeatmap = heatmap,
            PredictedBox = atDefault.ToFloats(),
        });
        var scored = Load(ml, rows);
        var metrics = ml.Localization().Evaluate(scored, scored,
            new LocalizationEvaluationOptions { ImageSize = (8, 8), Thresholds = [0.2, 0.5], ComputeMaxBoxAcc = false });
        Assert.Equal(0.5, metrics.SelectedThreshold.Threshold);
        var selected = HeatmapBoxExtractor.ExtractBox(heatmap, 8, 8, metrics.SelectedThreshold.Threshold, metrics.BoxMode);
        Assert.Equal(new BoundingBox(1, 1, 5, 5), selected);

        using var dir = new TempDirectory();
        var path = LocalizationVisualizer.WritePanels(scored, dir.Path, new VisualizationOptions { Count = 1 }, metrics)[0];
        using var image = Image.Load<Rgba32>(path);
        var layout = new PanelLayout(8, 8, 4);
        int left = layout.TileLeft(PanelLayout.BoxTile), top = layout.TileTop;
        // The selected box (1, 1, 5, 5) covers tile pixels 4..23 and is drawn over the equal ground truth; the column's
        // box (0, 0, 7, 6) would have its left edge at tile x 0..1 and its top at tile y 0..1.
        Assert.Equal(Green, image[left + 4, top + 10]);
        Assert.Equal(Green, image[left + 12, top + 4]);
        Assert.NotEqual(Green, image[left + 0, top + 10]);
        Assert.NotEqual(Green, image[left + 12, top + 0]);
        string html = File.ReadAllText(dir.File("index.html"));
        Assert.Contains("IoU " + PanelRenderer.IoUText(BoundingBox.IoU(selected, new BoundingBox(1, 1, 5, 5))), html);
        Assert.DoesNotContain("IoU 0.45", html);
        Assert.Contains("Predicted boxes at CAM threshold 0.50 (box around all foreground): the threshold the evaluation selected " +
            "(best GT-known localisation on the selection split (3 images))", html);

        // Without metrics the panels show the model's own boxes and say so.
        using var own = new TempDirectory();
        path = LocalizationVisualizer.WritePanels(scored, own.Path, new VisualizationOptions { Count = 1 })[0];
        using var ownImage = Image.Load<Rgba32>(path);
        Assert.Equal(Green, ownImage[left + 0, top + 10]);
        html = WebUtility.HtmlDecode(File.ReadAllText(own.File("index.html")));
        Assert.Contains("IoU 0.45", html); // 25 / 56
        Assert.Contains("Predicted boxes as the localiser wrote them (the model's own threshold).", html);
    }

    [Fact]
    public void Selection_by_IoU_ranks_the_boxes_that_are_drawn()
    {
        var ml = new MLContext(1);
        // Row 0's column box is the object but its heatmap covers rows 0 to 6 (IoU 0.45 at any threshold); row 1's column
        // box is the plateau's (IoU 0.45) but its heatmap's box at 0.5 is the object.
        var rows = new List<ScoredRow>
        {
            new() { PredictedBox = [1, 1, 5, 5], Heatmap = HeatmapOver(0, 0, 7, 6) },
            new() { PredictedBox = [0, 0, 7, 6], Heatmap = PlateauAroundObject() },
        };
        var scored = Load(ml, rows);
        using var dir = new TempDirectory();
        var byColumn = LocalizationVisualizer.WritePanels(scored, dir.Combine("column"), new VisualizationOptions { Count = 1, Selection = PanelSelection.BestIoU });
        Assert.Equal(new long[] { 0 }, RowsOf(byColumn));
        var atHalf = LocalizationVisualizer.WritePanels(scored, dir.Combine("half"),
            new VisualizationOptions { Count = 1, Selection = PanelSelection.BestIoU, BoxThreshold = 0.5, BoxThresholdSource = "the model's own threshold" });
        Assert.Equal(new long[] { 1 }, RowsOf(atHalf));
        string html = WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(dir.Combine("half"), "index.html")));
        Assert.Contains("IoU 1.00", html);
        Assert.Contains("Predicted boxes at CAM threshold 0.50 (box around all foreground): the model's own threshold.", html);
    }

    [Fact]
    public void All_contours_draws_every_contour_and_reports_the_best_IoU()
    {
        var ml = new MLContext(1);
        var heatmap = HeatmapOver(1, 1, 5, 5);
        heatmap[0 * 8 + 7] = 1f; // a second, one-pixel contour in the top right corner
        var scored = Load(ml, [new ScoredRow { Heatmap = heatmap }]);
        using var dir = new TempDirectory();
        var path = Assert.Single(LocalizationVisualizer.WritePanels(scored, dir.Path,
            new VisualizationOptions { BoxThreshold = 0.5, BoxMode = BoxMode.AllContours }));
        using var image = Image.Load<Rgba32>(path);
        var layout = new PanelLayout(8, 8, 4);
        int left = layout.TileLeft(PanelLayout.BoxTile), top = layout.TileTop;
        Assert.Equal(Green, image[left + 4, top + 10]);   // the object's contour
        Assert.Equal(Green, image[left + 29, top + 1]);   // the corner pixel's contour (tile 28..31)
        Assert.Contains("IoU 1.00", File.ReadAllText(dir.File("index.html")));
    }

    [Fact]
    public void The_box_caption_names_the_threshold_it_was_drawn_at()
    {
        var row = new PanelRow(0, new float[192], new float[64], null, null, null, [new BoundingBox(1, 1, 5, 5)], [new BoundingBox(1, 1, 5, 5)]);
        Assert.Equal("IoU 1.00, t=0.50", PanelRenderer.BoxNote(row, "t=0.50"));
        Assert.Equal("IoU 1.00", PanelRenderer.BoxNote(row, null));
        Assert.Equal("no box, t=0.50", PanelRenderer.BoxNote(row with { PredictedBoxes = [] }, "t=0.50"));
        Assert.Null(PanelRenderer.BoxNote(row with { GroundTruth = [], PredictedBoxes = null }, "t=0.50"));
    }

    [Fact]
    public void Class_names_replace_key_values_in_captions_and_unlisted_classes_keep_their_key()
    {
        var ml = new MLContext(1);
        var rows = new List<ScoredRow> { new() { Label = 0, PredictedLabel = 2 }, new() { Label = 1, PredictedLabel = 1 } };
        using var dir = new TempDirectory();
        var names = new Dictionary<string, string> { ["cat"] = "house cat", ["fox"] = "red fox" };
        LocalizationVisualizer.WritePanels(Load(ml, rows), dir.Path, new VisualizationOptions { ClassNames = names });

        string html = File.ReadAllText(dir.File("index.html"));
        Assert.Contains("label: house cat", html);
        Assert.Contains("predicted: red fox", html);
        Assert.Contains("label: dog", html);
        Assert.DoesNotContain("label: cat", html);
    }

    [Fact]
    public void Best_and_worst_IoU_selection_pick_and_order_the_right_rows()
    {
        var ml = new MLContext(1);
        var rows = new List<ScoredRow>
        {
            WithPredictedBox(1, 1, 5, 3),                   // row 0: 15 / 25 = 0.6
            WithPredictedBox(1, 1, 5, 5),                   // row 1: 1
            WithPredictedBox(6, 6, 7, 7),                   // row 2: 0
            WithPredictedBox(1, 1, 5, 1),                   // row 3: 5 / 25 = 0.2
            WithPredictedBox(1, 1, 5, 3),                   // row 4: 0.6 again
            new() { Box = [float.NaN, float.NaN, float.NaN, float.NaN] }, // row 5: no ground truth, never chosen by IoU
            WithPredictedBox(0, 0, -1, -1),                 // row 6: no predicted box: IoU 0
        };
        var scored = Load(ml, rows);
        using var dir = new TempDirectory();
        var best = LocalizationVisualizer.WritePanels(scored, dir.Combine("best"), new VisualizationOptions { Count = 3, Selection = PanelSelection.BestIoU });
        Assert.Equal(new long[] { 1, 0, 4 }, RowsOf(best));
        var worst = LocalizationVisualizer.WritePanels(scored, dir.Combine("worst"), new VisualizationOptions { Count = 3, Selection = PanelSelection.WorstIoU });
        Assert.Equal(new long[] { 2, 6, 3 }, RowsOf(worst));
        var bestTwo = LocalizationVisualizer.WritePanels(scored, dir.Combine("two"), new VisualizationOptions { Count = 2, Selection = PanelSelection.BestIoU });
        Assert.Equal(new long[] { 1, 0 }, RowsOf(bestTwo)); // a tie keeps the earlier row
        Assert.Contains("IoU 0.60", File.ReadAllText(Path.Combine(dir.Combine("best"), "index.html")));
    }

    [Fact]
    public void Random_selection_is_seeded_and_in_data_order()
    {
        var ml = new MLContext(1);
        var scored = Load(ml, Enumerable.Range(0, 40).Select(_ => new ScoredRow()));
        using var dir = new TempDirectory();
        var options = new VisualizationOptions { Count = 5, Selection = PanelSelection.Random, Seed = 9 };
        var first = RowsOf(LocalizationVisualizer.WritePanels(scored, dir.Combine("a"), options));
        var again = RowsOf(LocalizationVisualizer.WritePanels(scored, dir.Combine("b"), options));
        options.Seed = 10;
        var other = RowsOf(LocalizationVisualizer.WritePanels(scored, dir.Combine("c"), options));
        Assert.Equal(5, first.Distinct().Count());
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(first.Order(), first);
        Assert.All(first, r => Assert.InRange(r, 0, 39));
    }

    [Fact]
    public void Without_a_ground_truth_column_there_is_no_red_box_and_no_IoU_selection()
    {
        var ml = new MLContext(1);
        var scored = ml.Transforms.DropColumns("Box").Fit(Load(ml, [new ScoredRow()])).Transform(Load(ml, [new ScoredRow()]));
        using var dir = new TempDirectory();
        var path = Assert.Single(LocalizationVisualizer.WritePanels(scored, dir.Path));
        using var image = Image.Load<Rgba32>(path);
        var layout = new PanelLayout(8, 8, 4);
        int left = layout.TileLeft(PanelLayout.BoxTile);
        for (int y = layout.TileTop; y < layout.TileTop + layout.TileHeight; y++)
        {
            for (int x = left; x < left + layout.TileWidth; x++)
                Assert.NotEqual(Red, image[x, y]);
        }

        Assert.Equal(Green, image[left + 20, layout.TileTop + 8]);
        Assert.DoesNotContain("IoU", File.ReadAllText(dir.File("index.html")));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            LocalizationVisualizer.WritePanels(scored, dir.Path, new VisualizationOptions { Selection = PanelSelection.BestIoU }));
    }

    [Fact]
    public void Missing_required_columns_and_bad_options_are_explained()
    {
        var ml = new MLContext(1);
        var scored = Load(ml, [new ScoredRow()]);
        using var dir = new TempDirectory();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            LocalizationVisualizer.WritePanels(scored, dir.Path, new VisualizationOptions { HeatmapColumnName = "Cam" }));
        Assert.Contains("'Cam' not found", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => LocalizationVisualizer.WritePanels(scored, dir.Path, new VisualizationOptions { Count = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LocalizationVisualizer.WritePanels(scored, dir.Path, new VisualizationOptions { JetAlpha = 2 }));
    }

    [Fact]
    public void Overlay_mixes_image_and_jet_by_the_alpha()
    {
        var ml = new MLContext(1);
        var row = new ScoredRow { Heatmap = Enumerable.Repeat(1f, 64).ToArray() };
        using var dir = new TempDirectory();
        var path = Assert.Single(LocalizationVisualizer.WritePanels(Load(ml, [row]), dir.Path, new VisualizationOptions { JetAlpha = 0.25f }));
        using var image = Image.Load<Rgba32>(path);
        var layout = new PanelLayout(8, 8, 4);
        // bottom-right image pixel, clear of the text: 0.75 * 100 + 0.25 * jet(1) = (0.75 * 100 + 0.25 * 128, 75, 75)
        var pixel = image[layout.TileLeft(PanelLayout.OverlayTile) + 31, layout.TileTop + 31];
        Assert.Equal(new Rgba32(107, 75, 75), pixel);
        Assert.Equal(new Rgba32(128, 0, 0), image[layout.TileLeft(PanelLayout.HeatmapTile) + 31, layout.TileTop + 31]);
    }

    [Fact]
    public void Metrics_markdown_tables_become_html_tables()
    {
        string html = MarkdownHtml.Convert("| a | b |\n|---|---:|\n| 1 | <2> |\n\n\\* note\n");
        Assert.Equal(
            "<table>\n<thead><tr><th>a</th><th style=\"text-align:right\">b</th></tr></thead>\n<tbody>\n" +
            "<tr><td>1</td><td style=\"text-align:right\">&lt;2&gt;</td></tr>\n</tbody>\n</table>\n<p>* note</p>\n", html);
    }
}
