using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Data.ImageFiles;

/// <summary>
/// The rows of an image dataset as an <see cref="IDataView"/>: <c>ImagePath</c> (text, absolute path), <c>Label</c>
/// (text), <c>LabelName</c> (text), and, when every row has them, <c>Box</c> (singles, 4 per box: xmin, ymin, xmax,
/// ymax, 0-based inclusive pixels; a known size of 4 when every row has exactly one box, else a variable size 4n) and
/// <c>MaskPath</c> (text, absolute path of the mask PNG); <c>PartBox</c> (singles, 4 per box, possibly none) when any
/// row has part boxes.
/// </summary>
/// <remarks>
/// The annotations are parsed once, up front; cursors only index into them, and images are decoded downstream
/// (<c>LoadImages</c>). A cursor asked for with a <see cref="Random"/> visits every row in a full permutation drawn
/// from it, so a trainer gets a fresh complete shuffle each epoch without copying the data. The row id is the row's
/// index in file order, whatever the visiting order.
/// </remarks>
internal sealed class AnnotatedImageDataView : IDataView
{
    private const int Unchecked = 0, Good = 1, Bad = 2;

    // Rows per block when a cursor set deals the visiting order out among its cursors.
    internal const int CursorSetBlock = 32;

    private readonly AnnotatedImage[] _rows;
    // Per row: whether its image file passed ImageFileCheck; each file is checked once per view, on first visit.
    private readonly int[] _imageState;
    private readonly bool _skipBadImages;
    private readonly Action<BadImage>? _badImageSkipped;

    public AnnotatedImageDataView(IReadOnlyList<AnnotatedImage> rows, ImageDatasetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _rows = rows.ToArray();
        _imageState = new int[_rows.Length];
        _skipBadImages = options?.SkipBadImages ?? false;
        _badImageSkipped = options?.BadImageSkipped;
        // The readers give boxes and masks to every row or to none.
        bool boxes = _rows.Length > 0 && _rows.All(r => r.Box is not null);
        HasMasks = _rows.Length > 0 && _rows.All(r => r.MaskPath is not null);
        bool partBoxes = _rows.Any(r => r.PartBox is not null);
        int boxSize = boxes && _rows.All(r => r.Box!.Length == ImageDatasetColumns.BoxSize) ? ImageDatasetColumns.BoxSize : 0;
        Schema = BuildSchema(boxes, boxSize, HasMasks, partBoxes);
        Columns = Schema.Select(c => c.Name).ToArray();
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => true;

    /// <summary>Whether the view has the <c>MaskPath</c> column.</summary>
    internal bool HasMasks { get; }

    internal int RowCount => _rows.Length;

    internal AnnotatedImage this[int index] => _rows[index];

    /// <summary>Column names by schema index (the cursor's getters go by name, since optional columns move indices).</summary>
    internal string[] Columns { get; }

    public long? GetRowCount() => _skipBadImages ? null : _rows.Length;

    /// <summary>
    /// Whether the row's image file is usable: checked on first call (<see cref="ImageFileCheck"/>). An unusable one
    /// returns false when bad images are skipped and throws otherwise.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is unusable and bad images are not skipped.</exception>
    internal bool HasUsableImage(int row)
    {
        int state = Volatile.Read(ref _imageState[row]);
        if (state == Good)
            return true;
        if (state == Bad && _skipBadImages)
            return false;
        string path = _rows[row].ImagePath;
        string? problem = _rows[row].Problem ?? ImageFileCheck.Problem(path);
        if (problem is null)
        {
            Volatile.Write(ref _imageState[row], Good);
            return true;
        }
        if (!_skipBadImages)
        {
            throw new InvalidDataException(
                $"Image '{path}' cannot be used: {problem}. Replace or delete it (and its annotation line), or skip " +
                "unreadable images (SkipBadImages in the loader's options, CLI --skip-bad-images).");
        }
        // Two cursors may meet the file at once; only the one that marks it reports it.
        if (Interlocked.CompareExchange(ref _imageState[row], Bad, state) == state)
            _badImageSkipped?.Invoke(new BadImage(path, problem));
        return false;
    }

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var active = ActiveColumns(columnsNeeded);
        return new AnnotatedImageCursor(this, Order(rand), CursorSetBlock, firstBlock: 0, stride: 1, active);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var active = ActiveColumns(columnsNeeded);
        // The same permutation as GetRowCursor with an equal Random, dealt out in small blocks round-robin; a block's
        // number is its batch, so consolidating the set by batch gives back the single cursor's order. Small blocks
        // matter: ML.NET's consolidator takes batches in order, so a cursor whose batch comes later has its rows held
        // in memory until then (one contiguous chunk per cursor made that half the data set).
        int[]? order = Order(rand);
        int blocks = (_rows.Length + CursorSetBlock - 1) / CursorSetBlock;
        int count = Math.Clamp(n, 1, Math.Max(1, blocks));
        var cursors = new DataViewRowCursor[count];
        for (int i = 0; i < count; i++)
            cursors[i] = new AnnotatedImageCursor(this, order, CursorSetBlock, firstBlock: i, stride: count, active);
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
            {
                throw new ArgumentOutOfRangeException(nameof(columnsNeeded), column.Name,
                    "The column does not belong to this image dataset view's schema.");
            }

            active[column.Index] = true;
        }
        return active;
    }

    private static DataViewSchema BuildSchema(bool boxes, int boxSize, bool masks, bool partBoxes)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(ImageDatasetColumns.ImagePath, TextDataViewType.Instance);
        builder.AddColumn(ImageDatasetColumns.Label, TextDataViewType.Instance);
        builder.AddColumn(ImageDatasetColumns.LabelName, TextDataViewType.Instance);
        if (boxes)
            builder.AddColumn(ImageDatasetColumns.Box, new VectorDataViewType(NumberDataViewType.Single, boxSize));
        if (masks)
            builder.AddColumn(ImageDatasetColumns.MaskPath, TextDataViewType.Instance);
        if (partBoxes)
            builder.AddColumn(ImageDatasetColumns.PartBox, new VectorDataViewType(NumberDataViewType.Single));
        return builder.ToSchema();
    }
}
