using HideAndSeek.Augmentation;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.TrainingOnly;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit.Abstractions;
using static HideAndSeek.Tests.Augmentation.AugmentationTestData;

namespace HideAndSeek.Tests.Augmentation;

public class ImageAugmentationTests
{
    private readonly ITestOutputHelper _output;

    public ImageAugmentationTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Flips_with_probability_one_mirror_exactly(bool horizontal, bool vertical)
    {
        var rows = Ramps(5, 3, 5, 7);
        var (model, data) = Fit(Nothing(o =>
        {
            o.FlipHorizontalProbability = horizontal ? 1 : 0;
            o.FlipVerticalProbability = vertical ? 1 : 0;
        }), rows, 3, 5, 7);
        var augmented = PixelData.ReadPixels(model.TransformForTraining(data));
        for (int i = 0; i < rows.Count; i++)
            Assert.Equal(Mirror(rows[i].Pixels, 3, 5, 7, horizontal, vertical), augmented[i]);
    }

    [Fact]
    public void Flip_frequency_matches_the_probability_within_binomial_noise()
    {
        const int count = 3000;
        const double ph = 0.25, pv = 0.4;
        var rows = Ramps(count, 1, 2, 2);
        var (model, data) = Fit(Nothing(o => { o.FlipHorizontalProbability = ph; o.FlipVerticalProbability = pv; }), rows, 1, 2, 2);
        var augmented = PixelData.ReadPixels(model.TransformForTraining(data));
        // Pixels 1 2 / 3 4: a left-right mirror puts 2 first, a top-bottom mirror puts 3 first, both put 4 first.
        int horizontal = augmented.Count(p => p[0] is 2f or 4f), vertical = augmented.Count(p => p[0] is 3f or 4f);
        int both = augmented.Count(p => p[0] == 4f);
        foreach (var (seen, p) in new[] { (horizontal, ph), (vertical, pv), (both, ph * pv) })
        {
            double sigma = Math.Sqrt(count * p * (1 - p));
            _output.WriteLine($"{seen} of {count}, expected {count * p:F0} +- {sigma:F1}");
            Assert.InRange(seen, count * p - 5 * sigma, count * p + 5 * sigma);
        }
    }

    [Fact]
    public void Rotate_translate_and_coarse_happen_as_often_as_their_probabilities()
    {
        const int count = 4000;
        var (model, _) = Fit(ImageAugmentationOptions.FromPreset(AugmentationPreset.Seed2), Ramps(1, 3, 64, 64), 3, 64, 64);
        var draws = Enumerable.Range(0, count).Select(i => model.Augmenter.Draw(0, new DataViewRowId((ulong)i, 0))).ToList();
        foreach (var (seen, p, what) in new[]
        {
            (draws.Count(d => d.Rotate), 0.25, "rotate"),
            (draws.Count(d => d.Translate), 0.2, "translate"),
            (draws.Count(d => d.Coarse is not null), 0.2, "coarse"),
        })
        {
            double sigma = Math.Sqrt(count * p * (1 - p));
            _output.WriteLine($"{what}: {seen} of {count}, expected {count * p:F0} +- {sigma:F1}");
            Assert.InRange(seen, count * p - 5 * sigma, count * p + 5 * sigma);
        }
        var angles = draws.Where(d => d.Rotate).Select(d => d.RotationDegrees).ToList();
        Assert.All(angles, a => Assert.InRange(a, -180, 180));
        Assert.True(angles.Min() < -150 && angles.Max() > 150, "angles do not span [-180, 180]");
        // 10 % of 64 px, rounded: shifts in [-6, 6] on each axis, independently.
        var shifts = draws.Where(d => d.Translate).ToList();
        Assert.All(shifts, d => { Assert.InRange(d.ShiftX, -6, 6); Assert.InRange(d.ShiftY, -6, 6); });
        Assert.Contains(shifts, d => d.ShiftX == -6);
        Assert.Contains(shifts, d => d.ShiftY == 6);
        Assert.Contains(shifts, d => d.ShiftX != d.ShiftY);
    }

    [Theory]
    [InlineData(PixelFill.Constant)]
    [InlineData(PixelFill.DatasetMean)]
    public void Translation_moves_content_by_the_drawn_pixels_and_fills_the_rest(PixelFill fill)
    {
        const int h = 12, w = 16;
        var rows = PixelData.Random(60, 2, h, w, seed: 4);
        var (model, data) = Fit(Nothing(o =>
        {
            o.TranslateProbability = 1;
            o.MaxTranslationFraction = 0.25;
            o.Fill = fill;
            o.FillValue = fill == PixelFill.Constant ? new[] { -7f, -9f } : null;
        }), rows, 2, h, w);
        var expectedFill = fill == PixelFill.Constant
            ? new[] { -7f, -9f }
            : Enumerable.Range(0, 2).Select(c => (float)rows.Average(r => r.Pixels.Skip(c * h * w).Take(h * w).Average(v => (double)v))).ToArray();
        for (int c = 0; c < 2; c++)
            Assert.Equal(expectedFill[c], model.FillValue[c], 3);

        using var epoch = TrainingEpoch.Enter(0);
        var augmented = ReadWithIds(model.TransformForTraining(data));
        var shiftsX = new HashSet<int>();
        for (int i = 0; i < rows.Count; i++)
        {
            var (id, pixels) = augmented[i];
            var draw = model.Augmenter.Draw(0, id);
            Assert.True(draw.Translate);
            Assert.InRange(draw.ShiftX, -4, 4);  // round(0.25 * 16)
            Assert.InRange(draw.ShiftY, -3, 3);  // round(0.25 * 12)
            shiftsX.Add(draw.ShiftX);
            for (int c = 0; c < 2; c++)
            {
                for (int y = 0; y < h; y++)
                {
                    for (int x = 0; x < w; x++)
                    {
                        int sy = y - draw.ShiftY, sx = x - draw.ShiftX;
                        float expected = sy is >= 0 and < h && sx is >= 0 and < w ? At(rows[i].Pixels, h, w, c, sy, sx) : model.FillValue[c];
                        Assert.Equal(expected, At(pixels, h, w, c, y, x));
                    }
                }
            }
        }
        Assert.True(shiftsX.Count >= 6, $"only shifts {string.Join(",", shiftsX)} were drawn");
    }

    [Fact]
    public void Rotation_in_the_pipeline_matches_a_reference_rotation_by_the_drawn_angle()
    {
        const int n = 9;
        var rows = PixelData.Random(20, 1, n, n, seed: 8);
        var (model, data) = Fit(Nothing(o => o.RotateProbability = 1), rows, 1, n, n);
        using var epoch = TrainingEpoch.Enter(0);
        var augmented = ReadWithIds(model.TransformForTraining(data));
        for (int i = 0; i < rows.Count; i++)
        {
            var (id, pixels) = augmented[i];
            double angle = model.Augmenter.Draw(0, id).RotationDegrees * Math.PI / 180;
            double cos = Math.Cos(angle), sin = Math.Sin(angle), centre = (n - 1) / 2.0;
            for (int y = 0; y < n; y++)
            {
                for (int x = 0; x < n; x++)
                {
                    // Output (x, y) shows the source point it came from when turned clockwise by the angle.
                    double u = centre + cos * (x - centre) + sin * (y - centre);
                    double v = centre - sin * (x - centre) + cos * (y - centre);
                    Assert.Equal(ReferenceBilinear(rows[i].Pixels, n, u, v), pixels[y * n + x], 2);
                }
            }
        }
    }

    [Fact]
    public void Draws_change_every_epoch_and_repeat_with_the_same_seed()
    {
        var options = ImageAugmentationOptions.FromPreset(AugmentationPreset.Seed2);
        options.Seed = 42;
        var rows = PixelData.Random(30, 3, 16, 16, seed: 3);
        var (model, data) = Fit(options, rows, 3, 16, 16);
        var training = model.TransformForTraining(data);
        var epoch0 = PixelData.Flatten(PixelData.ReadPixels(training));
        var epoch1 = PixelData.Flatten(PixelData.ReadPixels(training));
        Assert.NotEqual(epoch0, epoch1);

        var (again, data2) = Fit(options, rows, 3, 16, 16);
        var replay = again.TransformForTraining(data2);
        Assert.Equal(epoch0, PixelData.Flatten(PixelData.ReadPixels(replay)));
        Assert.Equal(epoch1, PixelData.Flatten(PixelData.ReadPixels(replay)));

        // A trainer that names the epoch (for example after resuming) gets that epoch's draws.
        using (TrainingEpoch.Enter(1))
            Assert.Equal(epoch1, PixelData.Flatten(PixelData.ReadPixels(again.TransformForTraining(data2))));

        options.Seed = 43;
        var (other, data3) = Fit(options, rows, 3, 16, 16);
        Assert.NotEqual(epoch0, PixelData.Flatten(PixelData.ReadPixels(other.TransformForTraining(data3))));
    }

    [Fact]
    public void Draws_do_not_depend_on_cursor_order_or_parallel_cursors()
    {
        var rows = PixelData.Random(40, 3, 12, 12, seed: 6);
        var (model, data) = Fit(ImageAugmentationOptions.FromPreset(AugmentationPreset.Seed2), rows, 3, 12, 12);
        var shuffled = Ml().Data.ShuffleRows(data, seed: 3);
        using (TrainingEpoch.Enter(0))
        {
            var ordered = PixelData.ReadPixels(model.TransformForTraining(data));
            var view = model.TransformForTraining(shuffled);
            var byShuffle = PixelData.ReadPixels(view);
            var labels = view.GetColumn<string>("Label").ToList();
            Assert.NotEqual(rows.Select(r => r.Label), labels);
            // Labels repeat (i % 3), so match each shuffled image to the ordered image of the same row via the pixels it came from.
            var source = PixelData.ReadPixels(shuffled);
            for (int i = 0; i < labels.Count; i++)
            {
                int original = rows.FindIndex(r => r.Pixels.SequenceEqual(source[i]));
                Assert.Equal(ordered[original], byShuffle[i]);
            }

            var column = view.Schema["Pixels"];
            var parallel = new System.Collections.Concurrent.ConcurrentBag<float[]>();
            var cursors = model.TransformForTraining(data).GetRowCursorSet(new[] { column }, 4);
            Parallel.ForEach(cursors, cursor =>
            {
                var getter = cursor.GetGetter<VBuffer<float>>(column);
                VBuffer<float> buffer = default;
                while (cursor.MoveNext())
                {
                    getter(ref buffer);
                    parallel.Add(buffer.DenseValues().ToArray());
                }
                cursor.Dispose();
            });
            Assert.Equal(ordered.Count, parallel.Count);
            Assert.All(parallel, p => Assert.Contains(ordered, o => o.SequenceEqual(p)));
        }
    }

    [Fact]
    public void Pipeline_fit_trains_on_augmented_pixels_but_every_scoring_path_leaves_them_bit_identical()
    {
        var ml = Ml();
        var rows = PixelData.Random(12, 3, 8, 8, seed: 11);
        var data = PixelData.Create(ml, rows, 3, 8, 8);
        var recorder = new PixelRecorder();
        var options = ImageAugmentationOptions.FromPreset(AugmentationPreset.Seed2);
        options.FlipHorizontalProbability = 1;
        options.CoarseProbability = 1;
        var model = ml.Transforms.AugmentImages(options).Append(recorder).Fit(data);
        Assert.Equal(rows.Count, recorder.Seen!.Count);
        Assert.All(rows.Zip(recorder.Seen!), p => Assert.NotEqual(p.First.Pixels, p.Second));

        PixelData.AssertEveryScoringPathLeavesUntouched(ml, model, data, rows, 3, 8, 8);
    }

    [Fact]
    public void Augmentation_in_the_middle_of_a_chain_with_a_new_column_applies_to_training_only()
    {
        var ml = Ml();
        var rows = Ramps(6, 1, 4, 5);
        var data = PixelData.Create(ml, rows, 1, 4, 5);
        var recorder = new PixelRecorder("Augmented");
        var pipeline = ml.Transforms.CopyColumns("Copy", "Pixels")
            .Append(ml.Transforms.AugmentImages(Nothing(o => { o.OutputColumnName = "Augmented"; o.InputColumnName = "Pixels"; o.FlipVerticalProbability = 1; })))
            .Append(recorder);
        var model = pipeline.Fit(data);
        Assert.All(recorder.Seen!, seen => Assert.Equal(Mirror(rows[0].Pixels, 1, 4, 5, false, true), seen));
        var scored = model.Transform(data);
        PixelData.AssertUntouched(rows, PixelData.ReadPixels(scored, "Augmented"));
        PixelData.AssertUntouched(rows, PixelData.ReadPixels(scored, "Pixels"));
    }

    [Fact]
    public void Options_and_fitted_fill_survive_a_zip_round_trip()
    {
        var ml = Ml();
        var rows = PixelData.Random(10, 3, 8, 8, seed: 9);
        var data = PixelData.Create(ml, rows, 3, 8, 8);
        var options = new ImageAugmentationOptions
        {
            OutputColumnName = "Augmented",
            InputColumnName = "Pixels",
            FlipHorizontalProbability = 0.1,
            FlipVerticalProbability = 0.2,
            RotateProbability = 0.3,
            MaxRotationDegrees = 45,
            TranslateProbability = 0.4,
            MaxTranslationFraction = 0.05,
            CoarseProbability = 0.6,
            CoarseOperations = new[] { CoarseOperation.Pepper, CoarseOperation.Dropout },
            CoarseCellProbability = 0.7,
            CoarseMinSizeFraction = 0.2,
            CoarseMaxSizeFraction = 0.3,
            CoarseMinCells = 2,
            CoarseReplacement = CoarseReplacement.Saturated,
            Fill = PixelFill.DatasetMean,
            MaxRowsForMean = 7,
            Seed = 77,
        };
        var model = ml.Transforms.AugmentImages(options).Append(ml.Transforms.CopyColumns("After", "Augmented")).Fit(data);
        var fitted = HideAndSeekModel.Find<ImageAugmentationTransformer>(model)!;
        using var dir = new TempDirectory();
        ml.Model.Save(model, data.Schema, dir.File("model.zip"));
        var loaded = ml.Model.Load(dir.File("model.zip"), out _);
        var restored = HideAndSeekModel.Find<ImageAugmentationTransformer>(loaded);

        Assert.NotNull(restored);
        Assert.Equivalent(fitted.Options, restored!.Options, strict: true);
        Assert.Equal(fitted.FillValue, restored.FillValue);
        Assert.Equal(77, restored.Seed);
        Assert.Equal((3, 8, 8), (restored.Channels, restored.ImageHeight, restored.ImageWidth));
        // The restored step replays the same draws and, like the original, never augments when scoring.
        using (TrainingEpoch.Enter(2))
        {
            Assert.Equal(PixelData.Flatten(PixelData.ReadPixels(fitted.TransformForTraining(data), "Augmented")),
                PixelData.Flatten(PixelData.ReadPixels(restored.TransformForTraining(data), "Augmented")));
        }
        PixelData.AssertUntouched(rows, PixelData.ReadPixels(restored.Transform(data), "Augmented"));
    }

    [Fact]
    public void Presets_are_the_seed_pipelines()
    {
        var seed1 = ImageAugmentationOptions.FromPreset(AugmentationPreset.Seed1);
        Assert.Equivalent(new ImageAugmentationOptions(), seed1, strict: true);
        Assert.Equal((0.25, 0.25, 0.25, 180.0, 0.2, 0.15, 0.0),
            (seed1.FlipHorizontalProbability, seed1.FlipVerticalProbability, seed1.RotateProbability, seed1.MaxRotationDegrees,
             seed1.TranslateProbability, seed1.MaxTranslationFraction, seed1.CoarseProbability));
        Assert.Equal(PixelFill.Zero, seed1.Fill);

        var seed2 = ImageAugmentationOptions.FromPreset(AugmentationPreset.Seed2);
        Assert.Equal((0.10, 0.2, 0.2, 0.05, 0.1, 4), (seed2.MaxTranslationFraction, seed2.CoarseProbability, seed2.CoarseCellProbability,
            seed2.CoarseMinSizeFraction, seed2.CoarseMaxSizeFraction, seed2.CoarseMinCells));
        Assert.Equal(new[] { CoarseOperation.Dropout, CoarseOperation.Salt, CoarseOperation.Pepper, CoarseOperation.SaltAndPepper }, seed2.CoarseOperations);

        var ml = Ml();
        var rows = PixelData.Random(20, 3, 8, 8, seed: 1);
        var data = PixelData.Create(ml, rows, 3, 8, 8);
        var none = ml.Transforms.AugmentImages(AugmentationPreset.None).Fit(data);
        PixelData.AssertUntouched(rows, PixelData.ReadPixels(none.TransformForTraining(data)));
        var viaCatalog = ml.Transforms.AugmentImages(AugmentationPreset.Seed2, "Out", "Pixels", seed: 5).Fit(data);
        Assert.Equal(("Out", "Pixels", 5, 0.2), (viaCatalog.Options.OutputColumnName, viaCatalog.Options.InputColumnName, viaCatalog.Seed,
            viaCatalog.Options.CoarseProbability));
    }

    [Theory]
    [InlineData(nameof(ImageAugmentationOptions.FlipHorizontalProbability), -0.1)]
    [InlineData(nameof(ImageAugmentationOptions.FlipVerticalProbability), 1.5)]
    [InlineData(nameof(ImageAugmentationOptions.RotateProbability), double.NaN)]
    [InlineData(nameof(ImageAugmentationOptions.TranslateProbability), 2)]
    [InlineData(nameof(ImageAugmentationOptions.CoarseProbability), -1)]
    [InlineData(nameof(ImageAugmentationOptions.CoarseCellProbability), 1.01)]
    [InlineData(nameof(ImageAugmentationOptions.MaxRotationDegrees), -10)]
    [InlineData(nameof(ImageAugmentationOptions.MaxRotationDegrees), double.PositiveInfinity)]
    [InlineData(nameof(ImageAugmentationOptions.MaxTranslationFraction), -0.1)]
    [InlineData(nameof(ImageAugmentationOptions.MaxTranslationFraction), 1.1)]
    [InlineData(nameof(ImageAugmentationOptions.CoarseMinSizeFraction), 0)]
    [InlineData(nameof(ImageAugmentationOptions.CoarseMaxSizeFraction), 0.01)]
    public void Bad_numeric_options_are_rejected_naming_the_option(string option, double value)
    {
        var options = new ImageAugmentationOptions();
        typeof(ImageAugmentationOptions).GetProperty(option)!.SetValue(options, value);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Ml().Transforms.AugmentImages(options));
        Assert.Contains(option, e.Message);
    }

    [Fact]
    public void Bad_other_options_are_rejected_naming_the_option()
    {
        var ml = Ml();
        Assert.Contains("CoarseMinCells", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.AugmentImages(new ImageAugmentationOptions { CoarseMinCells = 0 })).Message);
        Assert.Contains("CoarseOperations", Assert.Throws<ArgumentException>(() => ml.Transforms.AugmentImages(new ImageAugmentationOptions { CoarseOperations = Array.Empty<CoarseOperation>() })).Message);
        Assert.Contains("FillValue", Assert.Throws<ArgumentException>(() => ml.Transforms.AugmentImages(new ImageAugmentationOptions { Fill = PixelFill.Constant })).Message);
        Assert.Contains("OutputColumnName", Assert.Throws<ArgumentException>(() => ml.Transforms.AugmentImages(AugmentationPreset.Seed1, outputColumnName: " ")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageAugmentationOptions.FromPreset((AugmentationPreset)7));
        Assert.Throws<ArgumentNullException>(() => ml.Transforms.AugmentImages(null!));
    }

    [Fact]
    public void Options_are_copied_when_the_estimator_is_created()
    {
        var operations = new[] { CoarseOperation.Salt };
        var options = new ImageAugmentationOptions { CoarseOperations = operations, FlipHorizontalProbability = 1 };
        var estimator = Ml().Transforms.AugmentImages(options);
        options.FlipHorizontalProbability = 0;
        operations[0] = CoarseOperation.Pepper;
        var model = estimator.Fit(PixelData.Create(Ml(), Ramps(1, 3, 4, 4), 3, 4, 4));
        Assert.Equal(1, model.Options.FlipHorizontalProbability);
        Assert.Equal(new[] { CoarseOperation.Salt }, model.Options.CoarseOperations);
    }

    [Fact]
    public void Wrong_column_type_names_the_column_and_the_expected_type()
    {
        var ml = Ml();
        var data = PixelData.Create(ml, PixelData.Random(2, 3, 8, 8, seed: 1), 3, 8, 8);
        var estimator = ml.Transforms.AugmentImages(AugmentationPreset.Seed1, inputColumnName: "Label");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
        Assert.Contains("'Label'", e.Message);
        Assert.Contains("vector of Single", e.Message);
        Assert.Contains("AugmentImages", e.Message);
        // Inside a chain the schema is propagated through GetOutputSchema(SchemaShape) before anything is fitted.
        var chain = ml.Transforms.CopyColumns("Copy", "Pixels").Append(estimator);
        Assert.Contains("'Label'", Assert.Throws<ArgumentOutOfRangeException>(() => chain.Fit(data)).Message);
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.AugmentImages(AugmentationPreset.Seed1, inputColumnName: "Nope").Fit(data));
        Assert.Contains("'Nope' not found", missing.Message);
        // A fitted step refuses images of another size.
        var fitted = ml.Transforms.AugmentImages(AugmentationPreset.Seed1).Fit(data);
        var other = PixelData.Create(ml, PixelData.Random(2, 3, 4, 4, seed: 1), 3, 4, 4);
        Assert.Contains("3 x 8 x 8", Assert.Throws<ArgumentOutOfRangeException>(() => fitted.TransformForTraining(other)).Message);
    }

    private static double ReferenceBilinear(float[] image, int n, double u, double v)
    {
        double Pixel(int x, int y) => x < 0 || y < 0 || x >= n || y >= n ? 0 : image[y * n + x];
        int x0 = (int)Math.Floor(u), y0 = (int)Math.Floor(v);
        double ax = u - x0, ay = v - y0;
        return (1 - ay) * ((1 - ax) * Pixel(x0, y0) + ax * Pixel(x0 + 1, y0)) + ay * ((1 - ax) * Pixel(x0, y0 + 1) + ax * Pixel(x0 + 1, y0 + 1));
    }
}
