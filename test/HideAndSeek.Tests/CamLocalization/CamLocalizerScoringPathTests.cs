using HideAndSeek.Boxes;
using HideAndSeek.CamLocalization;
using HideAndSeek.Tests.GapClassifier;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.CamLocalization;

/// <summary>
/// The localiser's in-process view (<c>Transform</c>) and the saved chain (what a PredictionEngine and a loaded zip run,
/// row by row) give bit-identical columns, for every kind of output.
/// </summary>
public class CamLocalizerScoringPathTests : IClassFixture<TrainedClassifierFixture>
{
    private readonly TrainedClassifierFixture _f;

    public CamLocalizerScoringPathTests(TrainedClassifierFixture fixture) => _f = fixture;

    public static TheoryData<string> Settings => new() { "default", "largest-wsol-top3", "contours-truth", "no-label", "multi-crop" };

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_in_process_view_equals_the_row_by_row_chain_and_a_loaded_zip(string setting)
    {
        var options = Options(setting);
        var classified = _f.Model.Transform(_f.Validation);
        if (options.LabelColumnName is null)
            classified = _f.Ml.Transforms.DropColumns("Label").Fit(classified).Transform(classified);
        var localizer = _f.Ml.Transforms.LocalizeWithCam(_f.Classifier, options).Fit(classified);
        var batched = localizer.Transform(classified);
        var added = AddedColumns(options);

        // The chain's own schema (what a PredictionEngine and a zip produce) has the same columns, in the same order.
        var chainSchema = localizer.GetRowToRowMapper(classified.Schema).OutputSchema;
        Assert.Equal(Describe(chainSchema), Describe(batched.Schema));

        var rowByRow = RowByRow(localizer, classified, added);
        using var dir = new TempDirectory();
        _f.Ml.Model.Save(localizer, classified.Schema, dir.File("localizer.zip"));
        var zipped = _f.Ml.Model.Load(dir.File("localizer.zip"), out _).Transform(classified);
        foreach (var column in added)
        {
            var expected = Read(batched, column);
            Assert.Equal(expected, rowByRow[column]);
            Assert.Equal(expected, Read(zipped, column));
        }
    }

    [Fact]
    public void Parallel_cursors_give_the_rows_a_single_cursor_gives()
    {
        var classified = _f.Ml.Data.Cache(_f.Model.Transform(_f.Validation));
        var localizer = _f.Ml.Transforms.LocalizeWithCam(_f.Classifier, new CamLocalizerOptions { TopK = 2 }).Fit(classified);
        var scored = localizer.Transform(classified);
        var columns = new[] { scored.Schema["Heatmap"], scored.Schema["PredictedBox"], scored.Schema["TopKHeatmaps"] };
        var single = new Dictionary<ulong, float[][]>();
        using (var cursor = scored.GetRowCursor(columns))
            Collect(cursor, columns, single);
        var parallel = new Dictionary<ulong, float[][]>();
        var cursors = scored.GetRowCursorSet(columns, 2);
        Parallel.ForEach(cursors, cursor =>
        {
            var rows = new Dictionary<ulong, float[][]>();
            using (cursor)
                Collect(cursor, columns, rows);
            lock (parallel)
            {
                foreach (var (id, values) in rows)
                    parallel.Add(id, values);
            }
        });
        Assert.Equal(single.Count, parallel.Count);
        foreach (var (id, values) in single)
            Assert.Equal(values, parallel[id]);
    }

    private static CamLocalizerOptions Options(string setting) => setting switch
    {
        "largest-wsol-top3" => new CamLocalizerOptions
        {
            BoxMode = BoxMode.LargestComponent,
            Convention = LocalizationConvention.WsolEvaluation,
            TopK = 3,
            Threshold = 0.35f,
        },
        "contours-truth" => new CamLocalizerOptions
        {
            BoxMode = BoxMode.AllContours,
            ClassSelection = CamClassSelection.GroundTruth,
            Upsampling = UpsamplingMode.Nearest,
        },
        "no-label" => new CamLocalizerOptions { LabelColumnName = null, TopK = 2 },
        "multi-crop" => new CamLocalizerOptions { MultiCrop = true, TopK = 2 },
        _ => new CamLocalizerOptions(),
    };

    private static List<string> AddedColumns(CamLocalizerOptions o)
    {
        var added = new List<string> { o.HeatmapColumnName, o.BoxColumnName, o.CamClassColumnName };
        if (o.LabelColumnName is not null)
            added.Add(o.GroundTruthHeatmapColumnName);
        if (o.TopK > 1)
            added.Add(o.TopKHeatmapsColumnName);
        if (o.MultiCrop)
            added.AddRange(new[] { o.MultiCropScoreColumnName, o.MultiCropPredictedLabelColumnName });
        return added;
    }

    private static List<string> Describe(DataViewSchema schema) =>
        schema.Select(c => $"{c.Name}: {c.Type}{(c.IsHidden ? " (hidden)" : "")}").ToList();

    /// <summary>A column's values as text-free objects: float arrays, or keys.</summary>
    private static List<object> Read(IDataView data, string column) =>
        data.Schema[column].Type is KeyDataViewType
            ? data.GetColumn<uint>(column).Select(v => (object)v).ToList()
            : data.GetColumn<float[]>(column).Select(v => (object)v).ToList();

    /// <summary>What a PredictionEngine does: the transformer's row-to-row mapper over each input row.</summary>
    private static Dictionary<string, List<object>> RowByRow(ITransformer transformer, IDataView input, IReadOnlyList<string> columns)
    {
        var mapper = transformer.GetRowToRowMapper(input.Schema);
        var wanted = columns.Select(c => mapper.OutputSchema[c]).ToList();
        var result = columns.ToDictionary(c => c, _ => new List<object>());
        using var cursor = input.GetRowCursor(mapper.GetDependencies(wanted));
        using var row = mapper.GetRow(cursor, wanted);
        var readers = wanted.Select(column => column.Type is KeyDataViewType ? KeyReader(row, column) : VectorReader(row, column)).ToList();
        while (cursor.MoveNext())
        {
            for (int i = 0; i < wanted.Count; i++)
                result[wanted[i].Name].Add(readers[i]());
        }
        return result;
    }

    private static Func<object> KeyReader(DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<uint>(column);
        return () =>
        {
            uint value = 0;
            getter(ref value);
            return value;
        };
    }

    private static Func<object> VectorReader(DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<VBuffer<float>>(column);
        return () =>
        {
            VBuffer<float> value = default;
            getter(ref value);
            return value.DenseValues().ToArray();
        };
    }

    private static void Collect(DataViewRowCursor cursor, DataViewSchema.Column[] columns, Dictionary<ulong, float[][]> rows)
    {
        var getters = columns.Select(c => cursor.GetGetter<VBuffer<float>>(c)).ToArray();
        var id = cursor.GetIdGetter();
        while (cursor.MoveNext())
        {
            DataViewRowId rowId = default;
            id(ref rowId);
            rows.Add(rowId.Low, getters.Select(g =>
            {
                VBuffer<float> value = default;
                g(ref value);
                return value.DenseValues().ToArray();
            }).ToArray());
        }
    }
}
