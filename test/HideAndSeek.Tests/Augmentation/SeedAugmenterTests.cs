using HideAndSeek.Augmentation;
using HideAndSeek.PixelColumns;
using Microsoft.ML.Data;
using Xunit.Abstractions;
using static HideAndSeek.Tests.Augmentation.AugmentationTestData;

namespace HideAndSeek.Tests.Augmentation;

/// <summary>The augmentation arithmetic on single images: geometry, coarse grids and values, allocation.</summary>
public class SeedAugmenterTests
{
    private readonly ITestOutputHelper _output;

    public SeedAugmenterTests(ITestOutputHelper output) => _output = output;

    /// <summary>The coarse grid of a draw (row-major): 0 keeps a cell, 1 marks it (2: marked low, saturated salt-and-pepper).</summary>
    private static byte[,] CoarseCells(SeedAugmenter augmenter, in AugmentationDraw draw)
    {
        if (draw.Coarse is not { } operation)
            return new byte[0, 0];
        var random = draw.CoarseRandom;
        var cells = new byte[draw.CoarseRows * draw.CoarseColumns];
        augmenter.DrawCells(ref random, cells, operation);
        var grid = new byte[draw.CoarseRows, draw.CoarseColumns];
        Buffer.BlockCopy(cells, 0, grid, 0, cells.Length);
        return grid;
    }

    private static SeedAugmenter Augmenter(int channels, int height, int width, ImageAugmentationOptions? options = null, float fill = 0f, int seed = 0) =>
        new(new PixelColumnShape(channels, height, width, KnownSize: true), options ?? Nothing(), Enumerable.Repeat(fill, channels).ToArray(), seed);

    private static float[] Ramp(int length) => Enumerable.Range(0, length).Select(j => j + 1f).ToArray();

    private static float[] Apply(SeedAugmenter augmenter, float[] image, AugmentationDraw draw)
    {
        var copy = image.ToArray();
        augmenter.Apply(copy, draw);
        return copy;
    }

    [Theory]
    [InlineData(5, 7, 180)]
    [InlineData(6, 8, 180)]
    [InlineData(6, 8, -180)]
    [InlineData(1, 9, 180)]
    public void Rotating_by_180_degrees_equals_a_double_flip_exactly(int height, int width, double degrees)
    {
        var augmenter = Augmenter(3, height, width, fill: -1f);
        var image = Ramp(3 * height * width);
        var rotated = Apply(augmenter, image, new AugmentationDraw { Rotate = true, RotationDegrees = degrees });
        Assert.Equal(Mirror(image, 3, height, width, horizontal: true, vertical: true), rotated);
        // and the flips the augmenter does itself agree
        Assert.Equal(rotated, Apply(augmenter, image, new AugmentationDraw { FlipHorizontal = true, FlipVertical = true }));
    }

    [Fact]
    public void A_quarter_turn_is_clockwise_about_the_centre_and_exact()
    {
        const int n = 9;
        var augmenter = Augmenter(1, n, n, fill: -1f);
        var image = new float[n * n];
        image[4 * n + 6] = 100f;  // two pixels right of the centre (4, 4)
        var turned = Apply(augmenter, image, new AugmentationDraw { Rotate = true, RotationDegrees = 90 });
        // On screen (y down) a clockwise quarter turn takes "right of the centre" to "below the centre".
        Assert.Equal(100f, turned[6 * n + 4]);
        Assert.Equal(100f, turned.Sum());

        // Exact on a larger image too, where the trigonometry's rounding (cos 90 deg is 6e-17, not 0) would otherwise
        // leak a trace of a bright neighbour into a black pixel.
        const int m = 64;
        var wide = Augmenter(1, m, m, fill: -1f);
        var checker = Enumerable.Range(0, m * m).Select(j => (j + j / m) % 2 == 0 ? 0f : 200f + j % 50).ToArray();
        var quarter = Apply(wide, checker, new AugmentationDraw { Rotate = true, RotationDegrees = 90 });
        for (int y = 0; y < m; y++)
        {
            for (int x = 0; x < m; x++)
                Assert.Equal(checker[(m - 1 - x) * m + y], quarter[y * m + x]);
        }

        Assert.Equal(checker, Apply(wide, quarter, new AugmentationDraw { Rotate = true, RotationDegrees = -90 }));
        Assert.Equal(Mirror(checker, 1, m, m, true, true), Apply(wide, checker, new AugmentationDraw { Rotate = true, RotationDegrees = 180 }));
    }

    [Fact]
    public void Rotation_fills_the_uncovered_corners_and_blends_the_edges_into_the_fill()
    {
        const int n = 21;
        var augmenter = Augmenter(2, n, n, fill: 7f);
        var image = Enumerable.Repeat(100f, 2 * n * n).ToArray();
        var turned = Apply(augmenter, image, new AugmentationDraw { Rotate = true, RotationDegrees = 45 });
        for (int c = 0; c < 2; c++)
        {
            Assert.Equal(7f, At(turned, n, n, c, 0, 0));
            Assert.Equal(7f, At(turned, n, n, c, n - 1, n - 1));
            Assert.Equal(100f, At(turned, n, n, c, n / 2, n / 2), 4);
            Assert.All(turned, v => Assert.InRange(v, 7f, 100.0001f));
        }
        // Some pixels lie between the two values: bilinear sampling across the image border.
        Assert.Contains(turned, v => v > 8f && v < 99f);
    }

    [Fact]
    public void Rotation_and_translation_compose_like_the_seed_sequence()
    {
        const int h = 8, w = 10;
        var augmenter = Augmenter(1, h, w, fill: -3f);
        var image = Ramp(h * w);
        var rotated = Apply(augmenter, image, new AugmentationDraw { Rotate = true, RotationDegrees = 30 });
        var both = Apply(augmenter, image, new AugmentationDraw { Rotate = true, RotationDegrees = 30, Translate = true, ShiftX = -2, ShiftY = 1 });
        var flipped = Apply(augmenter, image, new AugmentationDraw { FlipHorizontal = true });
        var flippedRotated = Apply(augmenter, image, new AugmentationDraw { FlipHorizontal = true, Rotate = true, RotationDegrees = 30 });
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int sy = y - 1, sx = x + 2;
                Assert.Equal(sy is >= 0 and < h && sx is >= 0 and < w ? rotated[sy * w + sx] : -3f, both[y * w + x]);
            }
        }
        // Flipping first, then rotating, equals rotating the flipped image.
        Assert.Equal(Apply(augmenter, flipped, new AugmentationDraw { Rotate = true, RotationDegrees = 30 }), flippedRotated);
    }

    [Fact]
    public void Coarse_dropout_with_cell_probability_one_zeroes_everything()
    {
        var options = Nothing(o => { o.CoarseProbability = 1; o.CoarseOperations = new[] { CoarseOperation.Dropout }; o.CoarseCellProbability = 1; });
        var augmenter = Augmenter(3, 16, 16, options, fill: 50f);
        for (int row = 0; row < 10; row++)
        {
            var image = Ramp(3 * 16 * 16);
            augmenter.Apply(image, 0, new DataViewRowId((ulong)row, 0));
            Assert.All(image, v => Assert.Equal(0f, v));
        }
    }

    [Theory]
    [InlineData(CoarseOperation.Salt, 255f)]
    [InlineData(CoarseOperation.Pepper, 0f)]
    public void Saturated_salt_makes_255_and_pepper_0(CoarseOperation operation, float expected)
    {
        var options = Nothing(o =>
        {
            o.CoarseProbability = 1;
            o.CoarseOperations = new[] { operation };
            o.CoarseCellProbability = 1;
            o.CoarseReplacement = CoarseReplacement.Saturated;
        });
        var augmenter = Augmenter(3, 16, 16, options);
        var image = Ramp(3 * 16 * 16);
        augmenter.Apply(image, 0, new DataViewRowId(1, 0));
        Assert.All(image, v => Assert.Equal(expected, v));
    }

    [Fact]
    public void Saturated_salt_and_pepper_makes_whole_cells_white_or_black_half_the_time()
    {
        const int n = 64;
        var options = Nothing(o =>
        {
            o.CoarseProbability = 1;
            o.CoarseOperations = new[] { CoarseOperation.SaltAndPepper };
            o.CoarseCellProbability = 1;
            o.CoarseReplacement = CoarseReplacement.Saturated;
        });
        var augmenter = Augmenter(3, n, n, options);
        long white = 0, cells = 0;
        for (int row = 0; row < 50; row++)
        {
            var id = new DataViewRowId((ulong)row, 0);
            var draw = augmenter.Draw(0, id);
            var grid = CoarseCells(augmenter, draw);
            var image = Ramp(3 * n * n);
            augmenter.Apply(image, draw);
            for (int y = 0; y < n; y++)
            {
                for (int x = 0; x < n; x++)
                {
                    byte mark = grid[y * draw.CoarseRows / n, x * draw.CoarseColumns / n];
                    for (int c = 0; c < 3; c++)
                        Assert.Equal(mark == 2 ? 0f : 255f, At(image, n, n, c, y, x));
                }
            }

            cells += grid.Length;
            white += grid.Cast<byte>().Count(m => m == 1);
        }
        double sigma = Math.Sqrt(cells * 0.25);
        Assert.InRange(white, cells / 2.0 - 5 * sigma, cells / 2.0 + 5 * sigma);
    }

    [Fact]
    public void The_coarse_grid_follows_imgaug_sizes_and_upscales_by_nearest_neighbour()
    {
        const int n = 64;
        const double p = 0.3;
        var options = Nothing(o => { o.CoarseProbability = 1; o.CoarseOperations = new[] { CoarseOperation.Dropout }; o.CoarseCellProbability = p; });
        var augmenter = Augmenter(3, n, n, options);
        var sizes = new HashSet<(int, int)>();
        long cells = 0, marked = 0;
        for (int row = 0; row < 300; row++)
        {
            var draw = augmenter.Draw(5, new DataViewRowId((ulong)row, 0));
            // trunc(U[0.05, 0.1) * 64) is 3 to 6 cells, raised to imgaug's min_size 4.
            Assert.InRange(draw.CoarseRows, 4, 6);
            Assert.InRange(draw.CoarseColumns, 4, 6);
            sizes.Add((draw.CoarseRows, draw.CoarseColumns));
            var grid = CoarseCells(augmenter, draw);
            var image = Enumerable.Repeat(9f, 3 * n * n).ToArray();
            augmenter.Apply(image, draw);
            for (int c = 0; c < 3; c++)
            {
                for (int y = 0; y < n; y++)
                {
                    for (int x = 0; x < n; x++)
                        Assert.Equal(grid[y * draw.CoarseRows / n, x * draw.CoarseColumns / n] != 0 ? 0f : 9f, At(image, n, n, c, y, x));
                }
            }

            cells += grid.Length;
            marked += grid.Cast<byte>().Count(m => m != 0);
        }
        Assert.True(sizes.Count >= 5, $"grid sizes drawn: {string.Join(" ", sizes)}");
        double sigma = Math.Sqrt(cells * p * (1 - p));
        _output.WriteLine($"{marked} of {cells} cells marked, expected {cells * p:F0} +- {sigma:F1}");
        Assert.InRange(marked, cells * p - 5 * sigma, cells * p + 5 * sigma);
    }

    [Theory]
    [InlineData(CoarseOperation.Salt, 128, 255, 208.7)]
    [InlineData(CoarseOperation.Pepper, 0, 128, 46.3)]
    [InlineData(CoarseOperation.SaltAndPepper, 0, 255, 127.5)]
    public void Noise_values_follow_imgaug_distributions(CoarseOperation operation, float low, float high, double mean)
    {
        const int n = 32;
        var options = Nothing(o => { o.CoarseProbability = 1; o.CoarseOperations = new[] { operation }; o.CoarseCellProbability = 1; });
        var augmenter = Augmenter(3, n, n, options);
        var values = new List<float>();
        for (int row = 0; row < 20; row++)
        {
            var image = Enumerable.Repeat(-5f, 3 * n * n).ToArray();
            augmenter.Apply(image, 0, new DataViewRowId((ulong)row, 0));
            for (int i = 0; i < n * n; i++)
            {
                // one grey level per pixel, the same in all channels
                Assert.Equal(image[i], image[n * n + i]);
                Assert.Equal(image[i], image[2 * n * n + i]);
                values.Add(image[i]);
            }
        }
        Assert.All(values, v => { Assert.InRange(v, low, high); Assert.Equal(Math.Round(v), v); });
        // Beta(0.5, 0.5) piles up at the ends: the extreme tenth of the range is hit far more often than a tenth.
        double observed = values.Average(v => (double)v);
        _output.WriteLine($"{operation}: mean {observed:F2}, expected {mean}; distinct values {values.Distinct().Count()}");
        Assert.InRange(observed, mean - 3, mean + 3);
        Assert.True(values.Distinct().Count() > 50, "the replacement is not noise");
        float tenth = 0.1f * (high - low);
        bool NearExtreme(float v) => operation switch
        {
            CoarseOperation.Salt => v >= high - tenth,
            CoarseOperation.Pepper => v <= low + tenth,
            _ => v <= low + tenth || v >= high - tenth,
        };
        double nearExtreme = values.Count(NearExtreme) / (double)values.Count;
        _output.WriteLine($"{nearExtreme:P1} in the extreme tenth(s)");
        Assert.True(nearExtreme > 0.25, $"only {nearExtreme:P0} in the extreme tenth(s) of the range");
    }

    [Fact]
    public void One_of_picks_every_coarse_operation_about_equally()
    {
        var augmenter = Augmenter(3, 64, 64, Nothing(o => o.CoarseProbability = 1));
        var counts = Enumerable.Range(0, 4000).Select(i => augmenter.Draw(0, new DataViewRowId((ulong)i, 0)).Coarse!.Value)
            .GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());
        double sigma = Math.Sqrt(4000 * 0.25 * 0.75);
        Assert.Equal(4, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 1000 - 5 * sigma, 1000 + 5 * sigma));
    }

    [Fact]
    public void Steps_draw_independently_so_one_option_does_not_shift_another_steps_draws()
    {
        var seed1 = Augmenter(3, 64, 64, ImageAugmentationOptions.FromPreset(AugmentationPreset.Seed1), seed: 3);
        var seed2 = Augmenter(3, 64, 64, ImageAugmentationOptions.FromPreset(AugmentationPreset.Seed2), seed: 3);
        for (int i = 0; i < 200; i++)
        {
            var id = new DataViewRowId((ulong)i, 0);
            var a = seed1.Draw(1, id);
            var b = seed2.Draw(1, id);
            Assert.Equal((a.FlipHorizontal, a.FlipVertical, a.Rotate, a.RotationDegrees, a.Translate),
                (b.FlipHorizontal, b.FlipVertical, b.Rotate, b.RotationDegrees, b.Translate));
            Assert.Null(a.Coarse);
        }
    }

    [Fact]
    public void Applying_allocates_nothing_per_image()
    {
        const int n = 64;
        var options = ImageAugmentationOptions.FromPreset(AugmentationPreset.Seed2);
        options.RotateProbability = 1;
        options.TranslateProbability = 1;
        options.CoarseProbability = 1;
        var augmenter = Augmenter(3, n, n, options);
        var image = Ramp(3 * n * n);
        augmenter.Apply(image, 0, new DataViewRowId(0, 0));  // warm up the pool and the JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i <= 200; i++)
            augmenter.Apply(image, 0, new DataViewRowId((ulong)i, 0));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        _output.WriteLine($"{allocated} bytes for 200 images");
        Assert.True(allocated < 3 * n * n * sizeof(float), $"{allocated} bytes allocated for 200 images");
    }
}
