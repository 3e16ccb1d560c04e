using HideAndSeek.Data.TinyImageNet;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.Data.TinyImageNet;

public class TinyImageNetDataViewTests(GeneratedDatasetFixture data) : IClassFixture<GeneratedDatasetFixture>
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Train() => _ml.Data.LoadTinyImageNet(data.Root, TinyImageNetSplit.Train);

    private IReadOnlyList<TinyImageNetRecord> Records() => TinyImageNetReader.Read(data.Root, TinyImageNetSplit.Train);

    /// <summary>Reads (id, image path) of every row a cursor visits.</summary>
    private static List<(long Id, string Path, long Batch)> Visit(DataViewRowCursor cursor)
    {
        var idGetter = cursor.GetIdGetter();
        var pathGetter = cursor.GetGetter<ReadOnlyMemory<char>>(cursor.Schema["ImagePath"]);
        var rows = new List<(long, string, long)>();
        DataViewRowId id = default;
        ReadOnlyMemory<char> path = default;
        long expectedPosition = 0;
        while (cursor.MoveNext())
        {
            Assert.Equal(expectedPosition++, cursor.Position);
            idGetter(ref id);
            pathGetter(ref path);
            Assert.Equal(0UL, id.High);
            rows.Add(((long)id.Low, path.ToString(), cursor.Batch));
        }
        Assert.Equal(-1, cursor.Position);
        return rows;
    }

    [Fact]
    public void View_has_the_documented_schema_and_known_row_count()
    {
        var view = Train();
        // The fixture was generated with masks, so the view has the optional MaskPath column.
        Assert.Equal(["ImagePath", "Label", "LabelName", "Box", "MaskPath"], view.Schema.Select(c => c.Name));
        Assert.Equal(TextDataViewType.Instance, view.Schema["MaskPath"].Type);
        Assert.Equal(TextDataViewType.Instance, view.Schema["ImagePath"].Type);
        Assert.Equal(TextDataViewType.Instance, view.Schema["Label"].Type);
        Assert.Equal(TextDataViewType.Instance, view.Schema["LabelName"].Type);
        var box = Assert.IsType<VectorDataViewType>(view.Schema["Box"].Type);
        Assert.Equal(NumberDataViewType.Single, box.ItemType);
        Assert.Equal(4, box.Size);
        Assert.Equal(36L, view.GetRowCount());
        Assert.True(view.CanShuffle);
    }

    [Fact]
    public void Cursor_without_random_visits_rows_in_file_order_with_their_values()
    {
        var view = Train();
        var records = Records();
        using var cursor = view.GetRowCursor(view.Schema);
        var label = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["Label"]);
        var name = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["LabelName"]);
        var box = cursor.GetGetter<VBuffer<float>>(view.Schema["Box"]);
        var path = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["ImagePath"]);
        var mask = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["MaskPath"]);
        var id = cursor.GetIdGetter();
        int i = 0;
        ReadOnlyMemory<char> text = default;
        VBuffer<float> vector = default;
        DataViewRowId rowId = default;
        while (cursor.MoveNext())
        {
            var r = records[i];
            id(ref rowId);
            Assert.Equal(new DataViewRowId((ulong)i, 0), rowId);
            path(ref text);
            Assert.Equal(r.ImagePath, text.ToString());
            label(ref text);
            Assert.Equal(r.Label, text.ToString());
            name(ref text);
            Assert.Equal(r.LabelName, text.ToString());
            box(ref vector);
            Assert.Equal(new float[] { r.XMin, r.YMin, r.XMax, r.YMax }, vector.DenseValues());
            mask(ref text);
            Assert.Equal(TinyImageNetReader.MaskPathFor(r.ImagePath), text.ToString());
            Assert.Equal(r.MaskPath, text.ToString());
            i++;
        }
        Assert.Equal(records.Count, i);
    }

    [Fact]
    public void Shuffled_cursor_visits_every_row_once_in_an_order_other_than_file_order()
    {
        var view = Train();
        var records = Records();
        using var cursor = view.GetRowCursor(view.Schema.Where(c => c.Name == "ImagePath"), new Random(3));
        var rows = Visit(cursor);

        Assert.Equal(Enumerable.Range(0, records.Count).Select(i => (long)i), rows.Select(r => r.Id).Order());
        Assert.NotEqual(Enumerable.Range(0, records.Count).Select(i => (long)i), rows.Select(r => r.Id));
        // The id stays the row's file index, whatever the visiting order.
        Assert.All(rows, r => Assert.Equal(records[(int)r.Id].ImagePath, r.Path));
    }

    [Fact]
    public void Equal_randoms_give_equal_orders_and_other_randoms_other_orders()
    {
        var view = Train();
        var columns = view.Schema.Where(c => c.Name == "ImagePath").ToArray();
        List<long> Order(int seed)
        {
            using var cursor = view.GetRowCursor(columns, new Random(seed));
            return Visit(cursor).Select(r => r.Id).ToList();
        }
        Assert.Equal(Order(5), Order(5));
        Assert.NotEqual(Order(5), Order(6));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(100)]
    public void Cursor_set_splits_the_rows_and_batches_restore_the_single_cursor_order(int n)
    {
        var view = Train();
        var columns = view.Schema.Where(c => c.Name == "ImagePath").ToArray();
        List<long> single;
        using (var cursor = view.GetRowCursor(columns, new Random(11)))
            single = Visit(cursor).Select(r => r.Id).ToList();

        var set = view.GetRowCursorSet(columns, n, new Random(11));
        Assert.InRange(set.Length, 1, n);
        var perCursor = set.Select(c => { using (c) return Visit(c); }).ToArray();
        foreach (var rows in perCursor)
            Assert.Equal(rows.Select(r => r.Batch).Order(), rows.Select(r => r.Batch)); // non-decreasing
        var batchOwners = perCursor.SelectMany((rows, i) => rows.Select(r => (r.Batch, i))).Distinct().GroupBy(b => b.Batch);
        Assert.All(batchOwners, g => Assert.Single(g)); // a batch number belongs to one cursor
        var consolidated = perCursor.SelectMany(rows => rows).OrderBy(r => r.Batch).Select(r => r.Id); // stable sort
        Assert.Equal(single, consolidated);
    }

    [Fact]
    public void Getters_are_refused_for_inactive_columns_and_wrong_types()
    {
        var view = Train();
        using var cursor = view.GetRowCursor(view.Schema.Where(c => c.Name == "Label"));
        Assert.True(cursor.IsColumnActive(view.Schema["Label"]));
        Assert.False(cursor.IsColumnActive(view.Schema["Box"]));
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<VBuffer<float>>(view.Schema["Box"]));
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<float>(view.Schema["Label"]));
        var getter = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["Label"]);
        ReadOnlyMemory<char> value = default;
        Assert.Throws<InvalidOperationException>(() => getter(ref value)); // before MoveNext
    }

    private sealed class Row
    {
        public string ImagePath { get; set; } = "";
        public string Label { get; set; } = "";
        public string LabelName { get; set; } = "";
        [VectorType(4)]
        public float[] Box { get; set; } = [];
    }

    [Fact]
    public void View_works_with_ml_net_enumeration_key_mapping_and_shuffling()
    {
        var view = Train();
        var records = Records();
        var rows = _ml.Data.CreateEnumerable<Row>(view, reuseRowObject: false).ToList();
        Assert.Equal(records.Select(r => (r.ImagePath, r.Label, r.LabelName, r.XMin, r.YMax)),
            rows.Select(r => (r.ImagePath, r.Label, r.LabelName, (int)r.Box[0], (int)r.Box[3])));

        // Keys follow the order of first occurrence, i.e. wnids.txt order for the training split.
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(view).Transform(view);
        VBuffer<ReadOnlyMemory<char>> keyNames = default;
        keyed.Schema["Label"].GetKeyValues(ref keyNames);
        Assert.Equal(File.ReadAllLines(Path.Combine(data.Root, "wnids.txt")), keyNames.DenseValues().Select(k => k.ToString()));

        var shuffled = _ml.Data.CreateEnumerable<Row>(_ml.Data.ShuffleRows(view, seed: 2), reuseRowObject: false)
            .Select(r => r.ImagePath).ToList();
        Assert.Equal(rows.Select(r => r.ImagePath).Order(), shuffled.Order());
        Assert.NotEqual(rows.Select(r => r.ImagePath), shuffled);
    }
}
