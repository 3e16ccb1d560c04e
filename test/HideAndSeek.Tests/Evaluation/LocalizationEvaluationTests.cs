using HideAndSeek.Boxes;
using HideAndSeek.Data.Synthetic;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.Evaluation;
using HideAndSeek.Tests.GapClassifier;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.Evaluation;

public class LocalizationEvaluationTests
{
    private readonly ITestOutputHelper _output;

    public LocalizationEvaluationTests(ITestOutputHelper output) => _output = output;

    public sealed class Row
    {
        // LoadFromEnumerable reads a KeyType field as a zero-based class index.
        [KeyType(3)]
        public uint Label { get; set; }

        [VectorType(3)]
        public float[] Score { get; set; } = new float[3];

        [VectorType(4)]
        public float[] Box { get; set; } = new float[4];

        [VectorType(64)]
        public float[] GroundTruthHeatmap { get; set; } = new float[64];
    }

    /// <summary>An 8x8 heatmap: 1 inside the block, 0.35 on a ring around it, 0 elsewhere.</summary>
    private static float[] Blob(int x0, int y0, int x1, int y1, int ring = 0)
    {
        var map = new float[64];
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                if (x >= x0 && x <= x1 && y >= y0 && y <= y1)
                    map[y * 8 + x] = 1f;
                else if (ring > 0 && x >= x0 - ring && x <= x1 + ring && y >= y0 - ring && y <= y1 + ring)
                    map[y * 8 + x] = 0.35f;
            }
        }

        return map;
    }

    private static IDataView Data(MLContext ml, params Row[] rows) => ml.Data.LoadFromEnumerable(rows);

    private static readonly LocalizationEvaluationOptions EightByEight = new() { ImageSize = (8, 8) };

    [Fact]
    public void Without_a_selection_split_the_centre_box_is_the_best_one_on_the_evaluated_split()
    {
        // 8 x 8 images: six objects are the centred 4 x 4 square, four the whole image. Centred squares of side 3..5
        // find the small ones, 6..8 the large ones: the best GT-known is 60 % (a box of half the image finds 40 %).
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, 10).Select(i => new Row
        {
            Label = 0,
            Score = new[] { 0.8f, 0.1f, 0.1f },
            Box = i < 6 ? new[] { 2f, 2, 5, 5 } : new[] { 0f, 0, 7, 7 },
            GroundTruthHeatmap = Blob(3, 3, 4, 4),
        }).ToArray();
        var m = ml.Localization().Evaluate(Data(ml, rows), EightByEight);
        Assert.Equal(0.6, m.CentreBoxBaseline, 10);
        int side = BoundingBox.CentredBox(8, 8, m.CentreBoxAreaFraction).Width;
        Assert.InRange(side, 3, 5);
        // MaxBoxAccV2 of the centre box: IoU 30 finds both groups with sides 5..7, IoU 50 and 70 only one group.
        Assert.Equal((1.0 + 0.6 + 0.6) / 3, m.CentreBoxMaxBoxAccV2!.Value, 10);
        Assert.Contains("centre_box_max_box_acc_v2\t\t0.733333", m.ToTsv());

        var fixedFraction = ml.Localization().Evaluate(Data(ml, rows), new LocalizationEvaluationOptions { ImageSize = (8, 8), CentreBoxAreaFraction = 0.5 });
        Assert.Equal(0.4, fixedFraction.CentreBoxBaseline, 10);
    }

    [Fact]
    public void Cam_area_and_box_recall_measure_how_far_the_heatmap_spreads_over_the_image_and_the_object()
    {
        var ml = new MLContext(1);
        var rows = new[]
        {
            // Box 2..5 (16 pixels). The blob covers its left half (2..3 x 2..5: 8 pixels) with a ring of 0.35 around it
            // (1..4 x 1..6: 24 pixels, 16 of them outside the blob; 4 of those in the box).
            new Row { Label = 0, Score = new[] { 0.7f, 0.2f, 0.1f }, Box = new[] { 2f, 2, 5, 5 }, GroundTruthHeatmap = Blob(2, 2, 3, 5, ring: 1) },
            // The whole image is the box; the blob covers 4 of its 64 pixels.
            new Row { Label = 1, Score = new[] { 0.2f, 0.7f, 0.1f }, Box = new[] { 0f, 0, 7, 7 }, GroundTruthHeatmap = Blob(0, 0, 1, 1) },
        };
        var m = ml.Localization().Evaluate(Data(ml, rows), EightByEight);
        var at02 = m.PerThreshold[0];
        var at04 = m.PerThreshold[2];
        // t = 0.2: the ring counts. Row 1: 24 / 64 of the image, (8 + 4) / 16 of the box; row 2: 4 / 64 and 4 / 64.
        Assert.Equal((24 / 64.0 + 4 / 64.0) / 2, at02.ForegroundShare, 10);
        Assert.Equal((12 / 16.0 + 4 / 64.0) / 2, at02.BoxRecall, 10);
        // t = 0.4: only the blobs.
        Assert.Equal((8 / 64.0 + 4 / 64.0) / 2, at04.ForegroundShare, 10);
        Assert.Equal((8 / 16.0 + 4 / 64.0) / 2, at04.BoxRecall, 10);
        Assert.Equal((16 / 64.0 + 1.0) / 2, m.GroundTruthBoxShare, 10);
        Assert.Contains($"box_recall\t0.40\t{(8 / 16.0 + 4 / 64.0) / 2:F6}", m.ToTsv());
        Assert.Contains("gt_box_area\t\t0.625000", m.ToTsv());
    }

    [Fact]
    public void Hand_made_heatmaps_give_the_expected_localisation_at_each_threshold()
    {
        var ml = new MLContext(1);
        var rows = new[]
        {
            // Exact box at every threshold; top-1 right.
            new Row { Label = 0, Score = new[] { 0.7f, 0.2f, 0.1f }, Box = new[] { 2f, 2, 5, 5 }, GroundTruthHeatmap = Blob(2, 2, 5, 5) },
            // The ring (0.35) joins the foreground at t = 0.2 and 0.3: box 1..6 (IoU 16/36 < 0.5); from 0.4 on the exact box.
            new Row { Label = 1, Score = new[] { 0.6f, 0.3f, 0.1f }, Box = new[] { 2f, 2, 5, 5 }, GroundTruthHeatmap = Blob(2, 2, 5, 5, ring: 1) },
            // Wrong place entirely; ground truth second, so it counts for top-5 only.
            new Row { Label = 2, Score = new[] { 0.5f, 0.1f, 0.4f }, Box = new[] { 0f, 0, 1, 1 }, GroundTruthHeatmap = Blob(5, 5, 7, 7) },
            // A constant map: normalised to zeros, so no foreground, IoU 0, no crash.
            new Row { Label = 0, Score = new[] { 0.9f, 0.05f, 0.05f }, Box = new[] { 0f, 0, 7, 7 }, GroundTruthHeatmap = Enumerable.Repeat(0.5f, 64).ToArray() },
        };
        var m = ml.Localization().Evaluate(Data(ml, rows), EightByEight);
        _output.WriteLine(m.ToMarkdown());
        Assert.Equal(4, m.Count);
        Assert.Equal(0.5, m.Top1Classification, 10);   // rows 1 and 4
        Assert.Equal(1.0, m.Top5Classification, 10);
        Assert.Equal(new[] { 0.25, 0.25, 0.5, 0.5 }, m.PerThreshold.Select(t => t.GroundTruthKnownLocalization));
        Assert.Equal(new[] { 0.25, 0.25, 0.25, 0.25 }, m.PerThreshold.Select(t => t.Top1Localization));
        Assert.Equal(new[] { 0.25, 0.25, 0.5, 0.5 }, m.PerThreshold.Select(t => t.Top5Localization));
        Assert.Equal(0.4, m.SelectedThreshold.Threshold);
        Assert.False(m.ThresholdSelectedOnSelectionSplit);
        Assert.Equal(0.5, m.MaxBoxAcc[50], 10);
        Assert.Equal(0.5, m.MaxBoxAcc[30], 10); // row 2 passes IoU 30 at every threshold (16/36 = 0.44 below 0.35, 1 above)
        Assert.Equal(0.5, m.MaxBoxAcc[70], 10);
        Assert.Equal(0.35, m.MaxBoxAccThresholds[50], 10); // the first threshold at which the ring drops out
        Assert.Equal((m.MaxBoxAcc[30] + m.MaxBoxAcc[50] + m.MaxBoxAcc[70]) / 3, m.MaxBoxAccV2!.Value, 10);
    }

    [Fact]
    public void A_selection_split_chooses_the_threshold_that_is_reported()
    {
        var ml = new MLContext(1);
        var ringed = new Row { Label = 0, Score = new[] { 0.7f, 0.2f, 0.1f }, Box = new[] { 1f, 1, 6, 6 }, GroundTruthHeatmap = Blob(2, 2, 5, 5, ring: 1) };
        var exact = new Row { Label = 0, Score = new[] { 0.7f, 0.2f, 0.1f }, Box = new[] { 2f, 2, 5, 5 }, GroundTruthHeatmap = Blob(2, 2, 5, 5, ring: 1) };
        // On the selection split the wide box wins at t = 0.2; on the reported split the tight box wins from t = 0.4.
        var m = ml.Localization().Evaluate(Data(ml, exact, exact), Data(ml, ringed), EightByEight);
        Assert.True(m.ThresholdSelectedOnSelectionSplit);
        Assert.Equal(0.2, m.SelectedThreshold.Threshold);
        Assert.Equal(0.0, m.SelectedThreshold.GroundTruthKnownLocalization);
        Assert.Contains("selection split", m.ToMarkdown());
    }

    [Fact]
    public void Tsv_and_markdown_list_every_threshold_and_summary()
    {
        var ml = new MLContext(1);
        var m = ml.Localization().Evaluate(Data(ml, new Row { Label = 0, Score = new[] { 1f, 0, 0 }, Box = new[] { 2f, 2, 5, 5 }, GroundTruthHeatmap = Blob(2, 2, 5, 5) }), EightByEight);
        var tsv = m.ToTsv();
        foreach (var t in new[] { "0.20", "0.30", "0.40", "0.50" })
            Assert.Contains($"gt_known_loc\t{t}\t1.000000", tsv);
        Assert.Contains("max_box_acc_v2\t\t1.000000", tsv);
        Assert.Contains("| 0.20 * |", m.ToMarkdown());
    }

    [Fact]
    public void Missing_columns_and_bad_boxes_are_reported_clearly()
    {
        var ml = new MLContext(1);
        var good = new Row { Label = 0, Score = new[] { 1f, 0, 0 }, Box = new[] { 2f, 2, 5, 5 }, GroundTruthHeatmap = Blob(2, 2, 5, 5) };
        var data = Data(ml, good);
        var noBox = ml.Transforms.DropColumns("Box").Fit(data).Transform(data);
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Localization().Evaluate(noBox, EightByEight));
        Assert.Contains("'Box' not found", e1.Message);

        var noHeatmap = ml.Transforms.DropColumns("GroundTruthHeatmap").Fit(data).Transform(data);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Localization().Evaluate(noHeatmap, EightByEight));
        Assert.Contains("LocalizeWithCam", e2.Message);

        var outside = Data(ml, new Row { Label = 0, Score = new[] { 1f, 0, 0 }, Box = new[] { 2f, 2, 9, 5 }, GroundTruthHeatmap = Blob(2, 2, 5, 5) });
        var e3 = Assert.Throws<InvalidOperationException>(() => ml.Localization().Evaluate(outside, EightByEight));
        Assert.Contains("row 0", e3.Message);
        Assert.Contains("8 x 8", e3.Message);

        var text = ml.Data.LoadFromEnumerable(new[] { new TextLabelRow() });
        var e4 = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Localization().Evaluate(text, EightByEight));
        Assert.Contains("expected a key", e4.Message);

        var wrongSize = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Localization().Evaluate(data, new LocalizationEvaluationOptions { ImageSize = (4, 4) }));
        Assert.Contains("not 4 x 4", wrongSize.Message);
    }

    [Fact]
    public void A_nan_heatmap_gives_a_defined_result()
    {
        var ml = new MLContext(1);
        var nan = Enumerable.Repeat(float.NaN, 64).ToArray();
        var m = ml.Localization().Evaluate(Data(ml, new Row { Label = 0, Score = new[] { 1f, 0, 0 }, Box = new[] { 2f, 2, 5, 5 }, GroundTruthHeatmap = nan }), EightByEight);
        Assert.All(m.PerThreshold, t => Assert.Equal(0, t.GroundTruthKnownLocalization));
    }

    public sealed class TextLabelRow
    {
        public string Label { get; set; } = "a";

        [VectorType(3)]
        public float[] Score { get; set; } = new float[3];

        [VectorType(4)]
        public float[] Box { get; set; } = new[] { 0f, 0, 1, 1 };

        [VectorType(64)]
        public float[] GroundTruthHeatmap { get; set; } = new float[64];
    }
}

/// <summary>Train, localise and evaluate end to end on generated images whose object body identifies the class.</summary>
public class EndToEndLocalizationTests
{
    private readonly ITestOutputHelper _output;

    public EndToEndLocalizationTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void A_small_network_localises_generated_objects_well_above_the_centre_box()
    {
        using var dir = new TempDirectory();
        var summary = SyntheticWsolGenerator.Generate(dir.Combine("data"), new SyntheticWsolOptions
        {
            Classes = 4,
            TrainImagesPerClass = 80,
            ValidationImagesPerClass = 25,
            Seed = 21,
            BodyInformativeness = 1.0,
        });
        var ml = new MLContext(1);
        var train = ml.Data.LoadTinyImageNet(summary.Root, TinyImageNetSplit.Train);
        var validation = ml.Data.LoadTinyImageNet(summary.Root, TinyImageNetSplit.Validation);
        var options = TrainedClassifierFixture.Options();
        options.MaxEpochs = 10;
        var model = ImagePipelines.Preprocess(ml)
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(options))
            .Append(ml.Transforms.LocalizeWithCam())
            .Fit(train);
        var metrics = ml.Localization().Evaluate(model.Transform(validation), model.Transform(train));
        _output.WriteLine(metrics.ToMarkdown());
        Assert.True(metrics.Top1Classification > 0.5);
        Assert.True(metrics.SelectedThreshold.GroundTruthKnownLocalization > metrics.CentreBoxBaseline + 0.15,
            $"GT-known {metrics.SelectedThreshold.GroundTruthKnownLocalization:P1} vs centre box {metrics.CentreBoxBaseline:P1}");
    }
}
