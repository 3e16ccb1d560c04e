using HideAndSeek.Boxes;
using SixLabors.ImageSharp.PixelFormats;
using System.Globalization;

namespace HideAndSeek.Visualization;

/// <summary>Draws one localisation panel (see <see cref="PanelLayout"/>) for one scored row.</summary>
internal static class PanelRenderer
{
    /// <summary>Colour of ground-truth boxes.</summary>
    public static readonly Rgba32 GroundTruthColor = new(255, 0, 0);

    /// <summary>Colour of predicted boxes.</summary>
    public static readonly Rgba32 PredictionColor = new(0, 255, 0);

    private static readonly Rgba32 Background = new(32, 32, 32);
    private static readonly Rgba32 TitleColor = new(230, 230, 230);
    private static readonly Rgba32 TextColor = new(255, 255, 255);
    private static readonly Rgba32 RightColor = new(140, 255, 140);
    private static readonly Rgba32 WrongColor = new(255, 150, 120);

    /// <param name="row">What to draw.</param>
    /// <param name="layout">Panel geometry.</param>
    /// <param name="jetAlpha">Weight of the heatmap in the overlay.</param>
    /// <param name="thresholdText">"t=0.50" when the boxes were drawn at a threshold, printed beside the IoU; else null.</param>
    public static PixelCanvas Render(PanelRow row, PanelLayout layout, float jetAlpha, string? thresholdText = null)
    {
        var canvas = new PixelCanvas(layout.Width, layout.Height, Background);
        int h = layout.ImageHeight, w = layout.ImageWidth, s = layout.Scale, top = layout.TileTop;
        ImageTiles.DrawImage(canvas, row.Pixels, h, w, layout.TileLeft(PanelLayout.ImageTile), top, s);
        ImageTiles.DrawHeatmap(canvas, row.Heatmap, h, w, layout.TileLeft(PanelLayout.HeatmapTile), top, s);
        ImageTiles.DrawOverlay(canvas, row.Pixels, row.Heatmap, h, w, layout.TileLeft(PanelLayout.OverlayTile), top, s, jetAlpha);
        ImageTiles.DrawImage(canvas, row.Pixels, h, w, layout.TileLeft(PanelLayout.BoxTile), top, s);

        DrawTitles(canvas, layout, row.GroundTruth.Length > 0);
        DrawClassText(canvas, layout, row);
        DrawBoxes(canvas, layout, row, thresholdText);
        return canvas;
    }

    /// <summary>"87.3%" style probability text.</summary>
    internal static string Percent(float probability) =>
        (100.0 * probability).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>"0.73" style IoU text.</summary>
    internal static string IoUText(double iou) => iou.ToString("0.00", CultureInfo.InvariantCulture);

    private static void DrawTitles(PixelCanvas canvas, PanelLayout layout, bool hasGroundTruth)
    {
        string[] titles = ["image", "CAM (jet)", "overlay"];
        int ts = layout.TextScale;
        for (int tile = 0; tile < titles.Length; tile++)
            canvas.DrawText(layout.TileLeft(tile), PanelLayout.Margin, BitmapFont.Fit(titles[tile], layout.TileWidth, ts), TitleColor, ts);

        // The box tile's title doubles as its legend: each word in the colour of its box.
        int x = layout.TileLeft(PanelLayout.BoxTile);
        var words = hasGroundTruth
            ? new[] { ("GT", GroundTruthColor), (" / ", TitleColor), ("pred", PredictionColor) }
            : new[] { ("pred", PredictionColor) };
        foreach (var (word, color) in words)
        {
            canvas.DrawText(x, PanelLayout.Margin, word, color, ts);
            x += word.Length * BitmapFont.Advance * ts;
        }
    }

    private static void DrawClassText(PixelCanvas canvas, PanelLayout layout, PanelRow row)
    {
        int left = layout.TileLeft(PanelLayout.OverlayTile), y = layout.TileTop;
        int ts = layout.TextScale;
        if (row.LabelName is { } label)
            y += canvas.DrawLabel(left, y, "label: " + label, TextColor, ts, layout.TileWidth);
        if (row.PredictedName is { } predicted)
        {
            string text = "pred: " + predicted + (row.Probability is { } p ? " " + Percent(p) : "");
            var color = row.LabelName is null ? TextColor : row.IsCorrect ? RightColor : WrongColor;
            canvas.DrawLabel(left, y, text, color, ts, layout.TileWidth);
        }
    }

    private static void DrawBoxes(PixelCanvas canvas, PanelLayout layout, PanelRow row, string? thresholdText)
    {
        int left = layout.TileLeft(PanelLayout.BoxTile);
        foreach (var box in row.GroundTruth)
            DrawBox(canvas, layout, left, box, GroundTruthColor);
        // The prediction goes on top: where the boxes coincide, green shows that the prediction is right there.
        foreach (var predicted in row.PredictedBoxes ?? [])
            DrawBox(canvas, layout, left, predicted, PredictionColor);

        if (BoxNote(row, thresholdText) is not { } note)
            return;
        int ts = layout.TextScale;
        int labelHeight = BitmapFont.GlyphHeight * ts + 2 * ts;
        canvas.DrawLabel(left, layout.TileTop + layout.TileHeight - labelHeight, note, TextColor, ts, layout.TileWidth);
    }

    /// <summary>
    /// The box tile's caption: "IoU 0.73, t=0.50", "no box, t=0.50" (its IoU is 0) or without the threshold when the
    /// boxes were read as the localiser wrote them; null with nothing to say. Short enough for a 64 px image's tile.
    /// </summary>
    internal static string? BoxNote(PanelRow row, string? thresholdText)
    {
        var parts = new List<string>(2);
        if (row.PredictedBoxes is { Length: 0 })
            parts.Add("no box");
        else if (row.IoU is { } iou)
            parts.Add("IoU " + IoUText(iou));
        // The threshold the green box was drawn at, so that a panel read alone says which row of the table it shows.
        if (thresholdText is not null && row.PredictedBoxes is not null)
            parts.Add(thresholdText);
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    // An image-pixel box covers tile pixels [x0 * s, (x1 + 1) * s - 1]; the outline is drawn inside that area.
    private static void DrawBox(PixelCanvas canvas, PanelLayout layout, int tileLeft, BoundingBox box, Rgba32 color)
    {
        int s = layout.Scale;
        canvas.DrawRectangle(tileLeft + box.XMin * s, layout.TileTop + box.YMin * s,
            tileLeft + (box.XMax + 1) * s - 1, layout.TileTop + (box.YMax + 1) * s - 1, layout.BoxThickness, color);
    }
}
