using HideAndSeek.Hiding;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.TrainingOnly;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.Hiding;

public class ImageHidingTests
{
    private readonly ITestOutputHelper _output;

    public ImageHidingTests(ITestOutputHelper output) => _output = output;

    private static MLContext Ml() => new(seed: 1);

    private static (ImageHidingTransformer Model, IDataView Data, List<PixelData.ImageRow> Rows) FitDistinct(
        HidePatchesOptions options, int count, int channels, int height, int width)
    {
        var ml = Ml();
        var rows = PixelData.Distinct(count, channels, height, width);
        var data = PixelData.Create(ml, rows, channels, height, width);
        return (ml.Transforms.HidePatches(options).Fit(data), data, rows);
    }

    [Fact]
    public void Hidden_fraction_matches_the_probability_within_binomial_noise()
    {
        const double p = 0.3;
        var (model, data, rows) = FitDistinct(new HidePatchesOptions { PatchSizes = new[] { 8 }, HideProbability = p, Fill = PixelFill.Zero }, 400, 1, 32, 32);
        var hidden = PixelData.ReadPixels(model.TransformForTraining(data));
        long patches = 0, hiddenPatches = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            for (int py = 0; py < 4; py++)
            {
                for (int px = 0; px < 4; px++)
                {
                    patches++;
                    if (hidden[i][(py * 8) * 32 + px * 8] == 0f)
                        hiddenPatches++;
                }
            }
        }
        double fraction = (double)hiddenPatches / patches;
        double sigma = Math.Sqrt(p * (1 - p) / patches);
        _output.WriteLine($"hidden {fraction:F4} of {patches} patches, expected {p} +- {sigma:F4}");
        Assert.InRange(fraction, p - 5 * sigma, p + 5 * sigma);
    }

    [Theory]
    [InlineData(10, 13, 4)]
    [InlineData(7, 7, 3)]
    [InlineData(9, 5, 5)]
    public void Patches_are_anchored_top_left_and_truncated_at_the_edges(int height, int width, int side)
    {
        var (model, data, rows) = FitDistinct(new HidePatchesOptions { PatchSizes = new[] { side }, Fill = PixelFill.Constant, FillValue = new[] { -1f } }, 60, 2, height, width);
        var hidden = PixelData.ReadPixels(model.TransformForTraining(data));
        int sawTruncatedHidden = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            for (int c = 0; c < 2; c++)
            {
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        int index = c * height * width + y * width + x;
                        // A pixel is hidden exactly when the top-left pixel of its grid cell is, in every channel.
                        int anchor = (y / side * side) * width + (x / side * side);
                        bool isHidden = hidden[i][index] == -1f;
                        Assert.Equal(hidden[i][anchor] == -1f, isHidden);
                        Assert.Equal(hidden[i][anchor + (1 - c) * height * width * (c == 0 ? 1 : -1)] == -1f, isHidden);
                        if (!isHidden)
                            Assert.Equal(rows[i].Pixels[index], hidden[i][index]);
                        else if ((y / side + 1) * side > height || (x / side + 1) * side > width)
                            sawTruncatedHidden++;
                    }
                }
            }
        }
        Assert.True(sawTruncatedHidden > 0, "no truncated edge patch was ever hidden");
    }

    [Fact]
    public void Fill_equals_the_fitted_dataset_mean_pixel()
    {
        var ml = Ml();
        var rows = PixelData.Random(50, 3, 16, 16, seed: 5);
        var data = PixelData.Create(ml, rows, 3, 16, 16);
        var model = ml.Transforms.HidePatches(new HidePatchesOptions { PatchSizes = new[] { 4 }, HideProbability = 1.0 }).Fit(data);
        var expected = Enumerable.Range(0, 3).Select(c => (float)rows.Average(r => r.Pixels.Skip(c * 256).Take(256).Average(v => (double)v))).ToArray();
        for (int c = 0; c < 3; c++)
            Assert.Equal(expected[c], model.FillValue[c], 3);
        var hidden = PixelData.ReadPixels(model.TransformForTraining(data));
        Assert.All(hidden, image =>
        {
            for (int c = 0; c < 3; c++)
                Assert.All(image.Skip(c * 256).Take(256), v => Assert.Equal(model.FillValue[c], v));
        });
    }

    [Fact]
    public void Masks_change_every_epoch_and_repeat_with_the_same_seed()
    {
        var options = new HidePatchesOptions { PatchSizes = new[] { 4 }, Fill = PixelFill.Zero, Seed = 42 };
        var (model, data, _) = FitDistinct(options, 20, 1, 16, 16);
        var training = model.TransformForTraining(data);
        var epoch0 = PixelData.ReadPixels(training);
        var epoch1 = PixelData.ReadPixels(training);
        Assert.NotEqual(PixelData.Flatten(epoch0), PixelData.Flatten(epoch1));

        var (again, data2, _) = FitDistinct(options, 20, 1, 16, 16);
        var replay = again.TransformForTraining(data2);
        Assert.Equal(PixelData.Flatten(epoch0), PixelData.Flatten(PixelData.ReadPixels(replay)));
        Assert.Equal(PixelData.Flatten(epoch1), PixelData.Flatten(PixelData.ReadPixels(replay)));

        // A trainer that names the epoch (for example after resuming) gets that epoch's masks.
        using (TrainingEpoch.Enter(1))
            Assert.Equal(PixelData.Flatten(epoch1), PixelData.Flatten(PixelData.ReadPixels(again.TransformForTraining(data2))));

        var (other, data3, _) = FitDistinct(new HidePatchesOptions { PatchSizes = new[] { 4 }, Fill = PixelFill.Zero, Seed = 43 }, 20, 1, 16, 16);
        Assert.NotEqual(PixelData.Flatten(epoch0), PixelData.Flatten(PixelData.ReadPixels(other.TransformForTraining(data3))));
    }

    [Fact]
    public void Masks_do_not_depend_on_cursor_order()
    {
        var (model, data, rows) = FitDistinct(new HidePatchesOptions { PatchSizes = new[] { 4 }, Fill = PixelFill.Zero }, 30, 1, 8, 8);
        var shuffled = Ml().Data.ShuffleRows(data, seed: 3);
        using (TrainingEpoch.Enter(0))
        {
            var ordered = PixelData.ReadPixels(model.TransformForTraining(data));
            var view = model.TransformForTraining(shuffled);
            var byShuffle = PixelData.ReadPixels(view);
            var labels = view.GetColumn<string>("Label").Select(int.Parse).ToList();
            Assert.NotEqual(Enumerable.Range(0, rows.Count), labels);
            for (int i = 0; i < labels.Count; i++)
                Assert.Equal(ordered[labels[i]], byShuffle[i]);
        }
    }

    [Fact]
    public void Mixed_sizes_draw_every_size_including_no_hiding()
    {
        var (model, data, rows) = FitDistinct(new HidePatchesOptions { PatchSizes = new[] { 0, 4, 8 }, HideProbability = 1.0, Fill = PixelFill.Zero }, 300, 1, 16, 16);
        var hidden = PixelData.ReadPixels(model.TransformForTraining(data));
        int untouched = hidden.Zip(rows).Count(p => p.First.SequenceEqual(p.Second.Pixels));
        int allHidden = hidden.Count(h => h.All(v => v == 0f));
        _output.WriteLine($"untouched {untouched}, fully hidden {allHidden} of {rows.Count}");
        Assert.InRange(untouched, 60, 140);   // 1/3 of 300 draw size 0
        Assert.InRange(allHidden, 160, 240);  // the rest hide every patch at p = 1
    }

    [Fact]
    public void Patch_counts_follow_the_seed_formula()
    {
        var (model, _, _) = FitDistinct(new HidePatchesOptions { PatchCounts = new[] { 16, 0, 9, 1000 } }, 4, 3, 64, 64);
        // S = ceil(sqrt(64 * 64 / N)): 16 -> 16, 0 -> none, 9 -> ceil(21.33) = 22, 1000 -> ceil(2.02) = 3
        Assert.Equal(new[] { 16, 0, 22, 3 }, model.PatchSizes);
    }

    [Fact]
    public void Pipeline_fit_trains_on_hidden_pixels_but_scoring_returns_them_untouched()
    {
        var ml = Ml();
        var rows = PixelData.Distinct(12, 3, 8, 8);
        var data = PixelData.Create(ml, rows, 3, 8, 8);
        var recorder = new PixelRecorder();
        var pipeline = ml.Transforms.HidePatches(new HidePatchesOptions { PatchSizes = new[] { 2 }, HideProbability = 1.0, Fill = PixelFill.Zero })
            .Append(recorder);
        var model = pipeline.Fit(data);
        Assert.All(recorder.Seen!, image => Assert.All(image, v => Assert.Equal(0f, v)));

        PixelData.AssertEveryScoringPathLeavesUntouched(ml, model, data, rows, 3, 8, 8);
    }

    [Fact]
    public void Hiding_in_a_nested_chain_still_reaches_the_trainer()
    {
        var ml = Ml();
        var rows = PixelData.Distinct(6, 1, 8, 8);
        var data = PixelData.Create(ml, rows, 1, 8, 8);
        var recorder = new PixelRecorder();
        // Append on a variable typed IEstimator nests chains: the inner chain's fitted form transforms the data again.
        IEstimator<ITransformer> steps = new EstimatorChain<ITransformer>();
        steps = steps.Append(ml.Transforms.HidePatches(new HidePatchesOptions { PatchSizes = new[] { 8 }, HideProbability = 1.0, Fill = PixelFill.Zero }));
        steps = steps.Append(ml.Transforms.CopyColumns("Copy", "Label"));
        var model = steps.Append(recorder).Fit(data);
        Assert.All(recorder.Seen!, image => Assert.All(image, v => Assert.Equal(0f, v)));
        PixelData.AssertUntouched(rows, PixelData.ReadPixels(model.Transform(data)));
    }

    [Fact]
    public void Scoring_the_very_data_the_model_was_fitted_on_never_hides()
    {
        var ml = Ml();
        var rows = PixelData.Distinct(6, 1, 8, 8);
        var data = PixelData.Create(ml, rows, 1, 8, 8);
        var model = ml.Transforms.HidePatches(new HidePatchesOptions { PatchSizes = new[] { 4 }, HideProbability = 1.0, Fill = PixelFill.Zero })
            .Append(new PixelRecorder())
            .Fit(data);
        // The same object that was passed to Fit: scoring reads it outside a training epoch.
        PixelData.AssertUntouched(rows, PixelData.ReadPixels(model.Transform(data)));
        var hiding = HideAndSeek.HideAndSeekModel.Find<ImageHidingTransformer>(model)!;
        PixelData.AssertUntouched(rows, PixelData.ReadPixels(hiding.Transform(data)));
    }

    [Fact]
    public void Hiding_in_the_middle_of_a_chain_applies_to_training_only()
    {
        var ml = Ml();
        var rows = PixelData.Distinct(10, 1, 8, 8);
        var data = PixelData.Create(ml, rows, 1, 8, 8);
        var recorder = new PixelRecorder("Hidden");
        var pipeline = ml.Transforms.CopyColumns("Copy", "Pixels")
            .Append(ml.Transforms.HidePatches(new HidePatchesOptions { OutputColumnName = "Hidden", InputColumnName = "Pixels", PatchSizes = new[] { 8 }, HideProbability = 1.0, Fill = PixelFill.Zero }))
            .Append(recorder);
        var model = pipeline.Fit(data);
        Assert.All(recorder.Seen!, image => Assert.All(image, v => Assert.Equal(0f, v)));
        var scored = model.Transform(data);
        PixelData.AssertUntouched(rows, PixelData.ReadPixels(scored, "Hidden"));
        PixelData.AssertUntouched(rows, PixelData.ReadPixels(scored, "Pixels"));
    }

    [Fact]
    public void A_zip_written_here_scores_untouched_pixels_in_another_process()
    {
        var ml = Ml();
        var rows = PixelData.Random(8, 3, 8, 8, seed: 2);
        var data = PixelData.Create(ml, rows, 3, 8, 8);
        var model = ml.Transforms.HidePatches(new HidePatchesOptions { OutputColumnName = "Hidden", InputColumnName = "Pixels", PatchSizes = new[] { 4 }, HideProbability = 1.0 })
            .Append(ml.Transforms.CopyColumns("After", "Hidden"))
            .Fit(data);
        using var dir = new TempDirectory();
        var child = TestProcess.TransformInChild(ml, model, data, dir.Path);
        PixelData.AssertUntouched(rows, PixelData.ReadPixels(child, "Hidden"));
        PixelData.AssertUntouched(rows, PixelData.ReadPixels(child, "After"));
    }

    [Fact]
    public void Options_and_fitted_mean_survive_a_zip_read_in_another_process()
    {
        var ml = Ml();
        var data = PixelData.Create(ml, PixelData.Random(10, 3, 8, 8, seed: 9), 3, 8, 8);
        var hiding = ml.Transforms.HidePatches(new HidePatchesOptions
        {
            OutputColumnName = "Hidden",
            InputColumnName = "Pixels",
            PatchSizes = new[] { 0, 2, 4 },
            HideProbability = 0.25,
            Seed = 77,
        });
        var model = hiding.Append(ml.Transforms.CopyColumns("After", "Hidden")).Fit(data);
        var fitted = HideAndSeek.HideAndSeekModel.Find<ImageHidingTransformer>(model)!;
        using var dir = new TempDirectory();
        ml.Model.Save(model, data.Schema, dir.File("model.zip"));
        var (code, output) = TestProcess.Run("describe-hiding", dir.File("model.zip"));
        Assert.True(code == 0, output);
        string fill = string.Join(",", fitted.FillValue.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains($"sizes=0,2,4 p=0.25 fill=DatasetMean value={fill} seed=77 in=Pixels out=Hidden image=3x8x8", output);
    }

    [Fact]
    public void A_hiding_step_restored_from_a_zip_draws_the_same_masks()
    {
        var ml = Ml();
        var rows = PixelData.Distinct(10, 1, 8, 8);
        var data = PixelData.Create(ml, rows, 1, 8, 8);
        var model = ml.Transforms.HidePatches(new HidePatchesOptions { PatchSizes = new[] { 2 }, Seed = 5 }).Fit(data);
        using var dir = new TempDirectory();
        ml.Model.Save(model, data.Schema, dir.File("model.zip"));
        var restored = HideAndSeek.HideAndSeekModel.Find<ImageHidingTransformer>(ml.Model.Load(dir.File("model.zip"), out _))!;
        Assert.Equal(model.FillValue, restored.FillValue);
        using (TrainingEpoch.Enter(2))
        {
            Assert.Equal(PixelData.Flatten(PixelData.ReadPixels(model.TransformForTraining(data))), PixelData.Flatten(PixelData.ReadPixels(restored.TransformForTraining(data))));
        }
        PixelData.AssertUntouched(rows, PixelData.ReadPixels(restored.Transform(data)));
    }

    [Fact]
    public void Parallel_cursors_give_the_same_pixels_as_one_cursor()
    {
        var (model, data, _) = FitDistinct(new HidePatchesOptions { PatchSizes = new[] { 4 }, Fill = PixelFill.Zero }, 64, 1, 16, 16);
        var view = model.TransformForTraining(data);
        var column = view.Schema["Pixels"];
        Dictionary<ulong, float[]> Read(int n)
        {
            var result = new System.Collections.Concurrent.ConcurrentDictionary<ulong, float[]>();
            using (TrainingEpoch.Enter(3))
            {
                var cursors = view.GetRowCursorSet(new[] { column }, n);
                Parallel.ForEach(cursors, cursor =>
                {
                    var getter = cursor.GetGetter<VBuffer<float>>(column);
                    var id = cursor.GetIdGetter();
                    VBuffer<float> buffer = default;
                    DataViewRowId rowId = default;
                    while (cursor.MoveNext())
                    {
                        getter(ref buffer);
                        id(ref rowId);
                        result[rowId.Low] = buffer.DenseValues().ToArray();
                    }
                    cursor.Dispose();
                });
            }
            return result.ToDictionary(p => p.Key, p => p.Value);
        }
        var single = Read(1);
        var parallel = Read(4);
        Assert.Equal(64, single.Count);
        foreach (var (id, pixels) in single)
            Assert.Equal(pixels, parallel[id]);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Probability_outside_zero_one_is_rejected(double p)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Ml().Transforms.HidePatches(4, hideProbability: p));
        Assert.Contains("HideProbability", e.Message);
    }

    [Fact]
    public void Negative_or_empty_patch_sizes_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ml().Transforms.HidePatches(-1));
        Assert.Throws<ArgumentException>(() => Ml().Transforms.HidePatches(new HidePatchesOptions { PatchSizes = Array.Empty<int>() }));
    }

    [Fact]
    public void Patch_larger_than_the_image_is_rejected_at_fit()
    {
        var ml = Ml();
        var data = PixelData.Create(ml, PixelData.Distinct(2, 3, 8, 8), 3, 8, 8);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.HidePatches(9).Fit(data));
        Assert.Contains("larger than the image side 8", e.Message);
    }

    [Fact]
    public void Wrong_column_type_names_the_column_and_the_expected_type()
    {
        var ml = Ml();
        var data = PixelData.Create(ml, PixelData.Distinct(2, 3, 8, 8), 3, 8, 8);
        var estimator = ml.Transforms.HidePatches(4, inputColumnName: "Label");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
        Assert.Contains("'Label'", e.Message);
        Assert.Contains("vector of Single", e.Message);
        // Inside a chain the schema is propagated through GetOutputSchema(SchemaShape) before anything is fitted.
        var chain = ml.Transforms.CopyColumns("Copy", "Pixels").Append(estimator);
        var shape = Assert.Throws<ArgumentOutOfRangeException>(() => chain.Fit(data));
        Assert.Contains("'Label'", shape.Message);
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.HidePatches(4, inputColumnName: "Nope").Fit(data));
        Assert.Contains("'Nope' not found", missing.Message);
    }

    [Fact]
    public void Vector_without_image_dimensions_is_rejected_unless_the_size_is_given()
    {
        var ml = Ml();
        var rows = new[] { new VarRow { Pixels = new float[12] }, new VarRow { Pixels = new float[12] } };
        var data = ml.Data.LoadFromEnumerable(rows);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.HidePatches(2).Fit(data));
        Assert.Contains("unknown image dimensions", e.Message);
        var model = ml.Transforms.HidePatches(new HidePatchesOptions { PatchSizes = new[] { 2 }, ImageSize = (2, 2), Fill = PixelFill.Zero }).Fit(data);
        Assert.Equal(2, PixelData.ReadPixels(model.TransformForTraining(data)).Count);
    }

    [Fact]
    public void Images_of_different_sizes_in_one_column_give_a_clear_error()
    {
        var ml = Ml();
        var rows = new[] { new VarRow { Pixels = new float[12] }, new VarRow { Pixels = new float[27] } };
        var data = ml.Data.LoadFromEnumerable(rows);
        // Fit reads every row for the mean pixel...
        var e = Assert.Throws<InvalidOperationException>(() => ml.Transforms.HidePatches(new HidePatchesOptions { PatchSizes = new[] { 2 }, ImageSize = (2, 2) }).Fit(data));
        Assert.Contains("row 1", e.Message);
        Assert.Contains("3 x 2 x 2", e.Message);
        // ...and with a constant fill the training pass checks each row as it reads it.
        var model = ml.Transforms.HidePatches(new HidePatchesOptions { PatchSizes = new[] { 2 }, ImageSize = (2, 2), Fill = PixelFill.Zero }).Fit(data);
        var read = Assert.Throws<InvalidOperationException>(() => PixelData.ReadPixels(model.TransformForTraining(data)));
        Assert.Contains("row 1", read.Message);
    }

    private sealed class VarRow
    {
        [VectorType]
        public float[] Pixels { get; set; } = Array.Empty<float>();
    }
}
