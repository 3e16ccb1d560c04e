using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Data;

/// <summary>
/// The rows of a Tiny ImageNet split as an <see cref="IDataView"/>: <c>ImagePath</c> (text, absolute path),
/// <c>Label</c> (text, wnid), <c>LabelName</c> (text), <c>Box</c> (4 singles: xmin, ymin, xmax, ymax, inclusive pixels)
/// and, only when the split has object masks, <c>MaskPath</c> (text, absolute path of the mask PNG).
/// </summary>
/// <remarks>
/// The annotations are parsed once, up front; cursors only index into them, and images are decoded downstream
/// (<c>LoadImages</c>). A cursor asked for with a <see cref="Random"/> visits every row in a full permutation drawn
/// from it, so a trainer gets a fresh complete shuffle each epoch without copying the data. The row id is the row's
/// index in file order, whatever the visiting order.
/// </remarks>
internal sealed class TinyImageNetDataView : IDataView
{
    private readonly TinyImageNetRecord[] _rows;

    public TinyImageNetDataView(IReadOnlyList<TinyImageNetRecord> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _rows = rows.ToArray();
        // The reader gives masks to every row of a split or to none.
        HasMasks = _rows.Length > 0 && _rows.All(r => r.MaskPath is not null);
        Schema = BuildSchema(HasMasks);
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => true;

    /// <summary>Whether the view has the <c>MaskPath</c> column.</summary>
    internal bool HasMasks { get; }

    internal int RowCount => _rows.Length;

    internal TinyImageNetRecord this[int index] => _rows[index];

    public long? GetRowCount() => _rows.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var active = ActiveColumns(columnsNeeded);
        return new TinyImageNetCursor(this, Order(rand), 0, _rows.Length, active, batch: 0);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var active = ActiveColumns(columnsNeeded);
        // The same permutation as GetRowCursor with an equal Random, cut into contiguous chunks whose batch numbers
        // follow the chunk order, so consolidating the set by batch number gives back that single cursor's order.
        int[]? order = Order(rand);
        int count = Math.Clamp(n, 1, Math.Max(1, _rows.Length));
        var cursors = new DataViewRowCursor[count];
        for (int i = 0; i < count; i++)
        {
            int start = (int)((long)_rows.Length * i / count);
            int end = (int)((long)_rows.Length * (i + 1) / count);
            cursors[i] = new TinyImageNetCursor(this, order, start, end, active, batch: i);
        }
        return cursors;
    }

    /// <summary>Visiting order: <see langword="null"/> for file order, else a Fisher-Yates permutation drawn from <paramref name="rand"/>.</summary>
    private int[]? Order(Random? rand)
    {
        if (rand is null)
            return null;
        var order = new int[_rows.Length];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rand.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private bool[] ActiveColumns(IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        foreach (var column in columnsNeeded)
        {
            if (column.Index < 0 || column.Index >= Schema.Count || Schema[column.Index].Name != column.Name)
                throw new ArgumentOutOfRangeException(nameof(columnsNeeded), column.Name,
                    "The column does not belong to this Tiny ImageNet view's schema.");
            active[column.Index] = true;
        }
        return active;
    }

    private static DataViewSchema BuildSchema(bool masks)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(TinyImageNetColumns.ImagePath, TextDataViewType.Instance);
        builder.AddColumn(TinyImageNetColumns.Label, TextDataViewType.Instance);
        builder.AddColumn(TinyImageNetColumns.LabelName, TextDataViewType.Instance);
        builder.AddColumn(TinyImageNetColumns.Box, new VectorDataViewType(NumberDataViewType.Single, TinyImageNetColumns.BoxSize));
        if (masks)
            builder.AddColumn(TinyImageNetColumns.MaskPath, TextDataViewType.Instance);
        return builder.ToSchema();
    }
}
