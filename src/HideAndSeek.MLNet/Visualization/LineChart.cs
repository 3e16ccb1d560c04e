using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Visualization;

/// <summary>
/// A line chart drawn with <see cref="PixelCanvas"/> primitives into a rectangle of a canvas: title, axes with round
/// ticks, a light grid, the series with point markers, and a legend in the corner of the plot that hides the least.
/// </summary>
internal sealed class LineChart
{
    private static readonly Rgba32 AxisColor = new(40, 40, 40);
    private static readonly Rgba32 GridColor = new(225, 225, 225);
    private static readonly Rgba32 TextColor = new(20, 20, 20);

    private const int TextScale = 2;
    private const int LineWidth = 2;
    private const int MarkerSize = 6;

    /// <summary>Chart title.</summary>
    public required string Title { get; init; }

    /// <summary>Label under the x axis.</summary>
    public required string XLabel { get; init; }

    /// <summary>Fixed y range, or null to span 0 (or the data minimum when negative) to the data maximum.</summary>
    public (double Min, double Max)? YRange { get; init; }

    /// <summary>Turns a y tick value and the tick step into its label (defaults to round numbers).</summary>
    public Func<double, double, string> FormatY { get; init; } = AxisTicks.Format;

    /// <summary>The lines, drawn in order (later ones on top).</summary>
    public required IReadOnlyList<ChartSeries> Series { get; init; }

    /// <summary>Draws the chart into the rectangle with top-left (left, top) and the given size.</summary>
    public void Draw(PixelCanvas canvas, int left, int top, int width, int height)
    {
        int charHeight = BitmapFont.GlyphHeight * TextScale;
        var (xMin, xMax) = XRange();
        var (yMin, yMax) = YRangeOrData();
        double yStep = AxisTicks.NiceStep(yMax - yMin, 5);
        var yTicks = AxisTicks.Values(yMin, yMax, yStep);
        int yLabelWidth = yTicks.Select(t => BitmapFont.Measure(FormatY(t, yStep), TextScale).Width).DefaultIfEmpty(0).Max();

        int plotLeft = left + yLabelWidth + 16, plotRight = left + width - 16;
        int plotTop = top + charHeight + 16, plotBottom = top + height - 2 * charHeight - 20;
        canvas.DrawText(left + (width - BitmapFont.Measure(Title, TextScale).Width) / 2, top + 6, Title, TextColor, TextScale);

        int X(double x) => plotLeft + (int)Math.Round((x - xMin) / (xMax - xMin) * (plotRight - plotLeft));
        int Y(double y) => plotBottom - (int)Math.Round((y - yMin) / (yMax - yMin) * (plotBottom - plotTop));

        foreach (double tick in yTicks)
        {
            int y = Y(tick);
            canvas.DrawLine(plotLeft, y, plotRight, y, 1, GridColor);
            string label = FormatY(tick, yStep);
            canvas.DrawText(plotLeft - 8 - BitmapFont.Measure(label, TextScale).Width, y - BitmapFont.GlyphWidth * TextScale / 2 - TextScale,
                label, TextColor, TextScale);
        }
        double xStep = Math.Max(1.0, AxisTicks.NiceStep(xMax - xMin, 8));
        foreach (double tick in AxisTicks.Values(Math.Ceiling(xMin), xMax, xStep))
        {
            int x = X(tick);
            canvas.DrawLine(x, plotTop, x, plotBottom, 1, GridColor);
            canvas.DrawLine(x, plotBottom, x, plotBottom + 5, 1, AxisColor);
            string label = AxisTicks.Format(tick, xStep);
            canvas.DrawText(x - BitmapFont.Measure(label, TextScale).Width / 2, plotBottom + 9, label, TextColor, TextScale);
        }
        canvas.DrawText(plotLeft + (plotRight - plotLeft - BitmapFont.Measure(XLabel, TextScale).Width) / 2,
            plotBottom + charHeight + 12, XLabel, TextColor, TextScale);
        canvas.DrawLine(plotLeft, plotTop, plotLeft, plotBottom, 1, AxisColor);
        canvas.DrawLine(plotLeft, plotBottom, plotRight, plotBottom, 1, AxisColor);

        var lines = Series.Select(series => Polylines(series, X, Y, yMin, yMax)).ToList();
        for (int i = 0; i < Series.Count; i++)
        {
            foreach (var line in lines[i])
            {
                for (int p = 0; p < line.Count; p++)
                {
                    if (p > 0)
                        canvas.DrawLine(line[p - 1].X, line[p - 1].Y, line[p].X, line[p].Y, LineWidth, Series[i].Color);
                    canvas.FillRectangle(line[p].X - MarkerSize / 2, line[p].Y - MarkerSize / 2, MarkerSize, MarkerSize, Series[i].Color);
                }
            }
        }
        DrawLegend(canvas, (plotLeft, plotTop, plotRight, plotBottom), lines.SelectMany(l => l).ToList());
    }

    // Pixel positions of a series, split where a value is missing.
    private static List<List<(int X, int Y)>> Polylines(ChartSeries series, Func<double, int> x, Func<double, int> y, double yMin, double yMax)
    {
        var lines = new List<List<(int X, int Y)>> { new() };
        foreach (var point in series.Points)
        {
            if (double.IsFinite(point.Y))
                lines[^1].Add((x(point.X), y(Math.Clamp(point.Y, yMin, yMax))));
            else if (lines[^1].Count > 0)
                lines.Add(new());
        }
        return lines;
    }

    // The legend goes into the corner of the plot that hides the least of the lines.
    private void DrawLegend(PixelCanvas canvas, (int Left, int Top, int Right, int Bottom) plot, List<List<(int X, int Y)>> lines)
    {
        if (Series.Count == 0)
            return;
        int row = BitmapFont.GlyphHeight * TextScale + 4;
        int textWidth = Series.Max(s => BitmapFont.Measure(s.Name, TextScale).Width);
        int boxWidth = 8 + 24 + 8 + textWidth + 8, boxHeight = Series.Count * row + 8;
        var corners = new[]
        {
            (X: plot.Right - boxWidth - 8, Y: plot.Top + 8),
            (X: plot.Right - boxWidth - 8, Y: plot.Bottom - boxHeight - 8),
            (X: plot.Left + 8, Y: plot.Top + 8),
            (X: plot.Left + 8, Y: plot.Bottom - boxHeight - 8),
        };
        // Lines that merely pass close to the box count too: a legend touching a line reads as part of it.
        const int Clearance = 12;
        var (left, top) = corners.MinBy(c => Covered(lines, c.X - Clearance, c.Y - Clearance, boxWidth + 2 * Clearance, boxHeight + 2 * Clearance));
        canvas.FillRectangle(left, top, boxWidth, boxHeight, new Rgba32(255, 255, 255));
        canvas.DrawRectangle(left, top, left + boxWidth - 1, top + boxHeight - 1, 1, GridColor);
        for (int i = 0; i < Series.Count; i++)
        {
            int y = top + 5 + i * row;
            int middle = y + BitmapFont.GlyphWidth * TextScale / 2 + TextScale; // level with the middle of the lower-case letters
            canvas.DrawLine(left + 8, middle, left + 32, middle, LineWidth + 1, Series[i].Color);
            canvas.DrawText(left + 40, y, Series[i].Name, TextColor, TextScale);
        }
    }

    // How many points sampled along the lines fall inside the rectangle.
    private static int Covered(List<List<(int X, int Y)>> lines, int left, int top, int width, int height)
    {
        const int Samples = 32;
        int covered = 0;
        foreach (var line in lines)
        {
            for (int p = 0; p < line.Count; p++)
            {
                var from = p > 0 ? line[p - 1] : line[p];
                for (int k = 0; k <= Samples; k++)
                {
                    double t = (double)k / Samples;
                    double x = from.X + t * (line[p].X - from.X), y = from.Y + t * (line[p].Y - from.Y);
                    if (x >= left && x < left + width && y >= top && y < top + height)
                        covered++;
                }
            }
        }
        return covered;
    }

    private (double Min, double Max) XRange()
    {
        var xs = Series.SelectMany(s => s.Points).Select(p => p.X).Where(double.IsFinite).ToList();
        if (xs.Count == 0)
            return (0, 1);
        double min = xs.Min(), max = xs.Max();
        return max > min ? (min, max) : (min - 1, max + 1); // one epoch: centre it
    }

    private (double Min, double Max) YRangeOrData()
    {
        if (YRange is { } fixedRange)
            return fixedRange;
        var ys = Series.SelectMany(s => s.Points).Select(p => p.Y).Where(double.IsFinite).ToList();
        double min = Math.Min(0, ys.DefaultIfEmpty(0).Min()), max = ys.DefaultIfEmpty(1).Max();
        if (!(max > min))
            max = min + 1;
        double step = AxisTicks.NiceStep(max - min, 5);
        return (Math.Floor(min / step) * step, Math.Ceiling(max / step) * step);
    }
}
