using Microsoft.ML;

namespace HideAndSeek.Visualization;

/// <summary>
/// Chooses the rows to draw without holding images: at most <c>count</c> row indices (and IoUs) are kept while one pass
/// reads only what the choice needs (nothing for <see cref="PanelSelection.Random"/>, the two box columns for the IoU
/// selections). The rows themselves are read again afterwards.
/// </summary>
internal static class PanelRowSelector
{
    /// <summary>Row indices in panel order (best first for the IoU selections, data order otherwise).</summary>
    public static IReadOnlyList<long> Select(IDataView scored, ScoredColumns columns, PanelSelection selection, int count, int seed) => selection switch
    {
        PanelSelection.First => FirstRows(scored, count),
        PanelSelection.Random => RandomRows(scored, count, seed),
        PanelSelection.BestIoU => ByIoU(scored, columns, count, best: true),
        PanelSelection.WorstIoU => ByIoU(scored, columns, count, best: false),
        _ => throw new ArgumentOutOfRangeException(nameof(selection), selection, "Unknown selection."),
    };

    private static List<long> FirstRows(IDataView scored, int count)
    {
        long rows = scored.GetRowCount() ?? CountRows(scored, stopAt: count);
        return Enumerable.Range(0, (int)Math.Min(count, rows)).Select(i => (long)i).ToList();
    }

    // Reservoir sampling: one pass, count indices in memory, every row equally likely whatever the data's length.
    private static List<long> RandomRows(IDataView scored, int count, int seed)
    {
        var random = new Random(seed);
        var reservoir = new List<long>(count);
        using var cursor = scored.GetRowCursor(Array.Empty<DataViewSchema.Column>());
        long seen = 0;
        while (cursor.MoveNext())
        {
            if (reservoir.Count < count)
            {
                reservoir.Add(seen);
            }
            else
            {
                long slot = random.NextInt64(seen + 1);
                if (slot < count)
                    reservoir[(int)slot] = seen;
            }
            seen++;
        }
        reservoir.Sort();
        return reservoir;
    }

    private static List<long> ByIoU(IDataView scored, ScoredColumns columns, int count, bool best)
    {
        if (columns.Box is null || !columns.HasPredictedBoxes)
        {
            throw new ArgumentOutOfRangeException(nameof(scored),
                "Localization visualizer: selecting by IoU needs the ground-truth box column and the predicted box column " +
                "(VisualizationOptions.BoxColumnName and PredictedBoxColumnName).");
        }
        // The heap's root is the kept row that a better row replaces: the lowest priority and, among equals, the latest
        // row, so that on equal IoU the earlier rows stay (rows arrive in index order).
        var kept = new PriorityQueue<long, (double Priority, long NegatedRow)>(count + 1);
        using var cursor = scored.GetRowCursor(columns.IoUColumns);
        var readIoU = columns.BindIoU(cursor);
        var ious = new Dictionary<long, double>(count + 1);
        while (cursor.MoveNext())
        {
            if (readIoU() is not double iou)
                continue; // no ground truth in this row
            double priority = best ? iou : -iou;
            if (kept.Count < count)
            {
                kept.Enqueue(cursor.Position, (priority, -cursor.Position));
                ious[cursor.Position] = iou;
            }
            else if (kept.TryPeek(out _, out var worst) && priority > worst.Priority)
            {
                ious.Remove(kept.Dequeue());
                kept.Enqueue(cursor.Position, (priority, -cursor.Position));
                ious[cursor.Position] = iou;
            }
        }
        var chosen = ious.ToList();
        chosen.Sort((a, b) =>
        {
            int byIoU = best ? b.Value.CompareTo(a.Value) : a.Value.CompareTo(b.Value);
            return byIoU != 0 ? byIoU : a.Key.CompareTo(b.Key);
        });
        return chosen.Select(p => p.Key).ToList();
    }

    private static long CountRows(IDataView data, long stopAt)
    {
        using var cursor = data.GetRowCursor(Array.Empty<DataViewSchema.Column>());
        long rows = 0;
        while (rows < stopAt && cursor.MoveNext())
            rows++;
        return rows;
    }
}
