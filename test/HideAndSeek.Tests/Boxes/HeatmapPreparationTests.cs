
using HideAndSeek.Boxes;

namespace HideAndSeek.Tests.Boxes;

public class HeatmapPreparationTests
{
    [Fact]
    public void Normalize_maps_min_to_zero_and_max_to_one()
    {
        float[] map = [2f, 4f, 6f, 3f];
        HeatmapPreparation.Normalize(map);
        Assert.Equal(new[] { 0f, 0.5f, 1f, 0.25f }, map);
    }

    [Fact]
    public void Normalize_turns_a_constant_map_into_zeros()
    {
        float[] map = [7f, 7f, 7f];
        HeatmapPreparation.Normalize(map);
        Assert.All(map, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Normalize_turns_a_map_without_finite_values_into_zeros()
    {
        float[] nan = [float.NaN, float.NaN];
        float[] inf = [float.PositiveInfinity, float.NegativeInfinity, float.NaN];
        float[] none = [];
        HeatmapPreparation.Normalize(nan);
        HeatmapPreparation.Normalize(inf);
        HeatmapPreparation.Normalize(none);
        Assert.All(nan, v => Assert.Equal(0f, v));
        Assert.All(inf, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Normalize_treats_NaN_and_infinite_entries_as_the_minimum()
    {
        float[] map = [1f, float.NaN, 3f, float.PositiveInfinity, 2f, float.NegativeInfinity];
        HeatmapPreparation.Normalize(map);
        Assert.Equal(new[] { 0f, 0f, 1f, 0f, 0.5f, 0f }, map);
    }

    [Fact]
    public void Normalize_copes_with_the_full_float_range()
    {
        float[] map = [-float.MaxValue, 0f, float.MaxValue];
        HeatmapPreparation.Normalize(map);
        Assert.Equal(new[] { 0f, 0.5f, 1f }, map);
    }

    [Fact]
    public void Bilinear_upsampling_uses_half_pixel_centres()
    {
        // Hand-computed with source position max(0, (d + 0.5) * in / out - 0.5); cv2.resize(INTER_LINEAR) and
        // torch interpolate(align_corners=False) give the same numbers.
        float[] src = [1f, 2f, 3f, 4f];
        var dst = new float[16];
        HeatmapPreparation.Upsample(src, 2, 2, dst, 4, 4);
        float[] expected =
        [
            1f, 1.25f, 1.75f, 2f,
            1.5f, 1.75f, 2.25f, 2.5f,
            2.5f, 2.75f, 3.25f, 3.5f,
            3f, 3.25f, 3.75f, 4f,
        ];
        Assert.Equal(expected, dst);
    }

    [Fact]
    public void Bilinear_resampling_matches_hand_values_up_and_down()
    {
        var up = new float[5];
        HeatmapPreparation.Upsample([0f, 1f, 2f], 1, 3, up, 1, 5);
        Assert.Equal(new[] { 0f, 0.4f, 1f, 1.6f, 2f }, up, new FloatTolerance(1e-6f));

        var down = new float[3];
        HeatmapPreparation.Upsample([0f, 1f, 2f, 3f, 4f], 1, 5, down, 1, 3);
        Assert.Equal(new[] { 1f / 3f, 2f, 11f / 3f }, down, new FloatTolerance(1e-5f));

        var same = new float[4];
        HeatmapPreparation.Upsample([1f, 2f, 3f, 4f], 2, 2, same, 2, 2);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, same);
    }

    [Fact]
    public void Nearest_upsampling_copies_the_source_pixel_at_floor_of_d_times_scale()
    {
        var dst = new float[5];
        HeatmapPreparation.Upsample([0f, 1f, 2f], 1, 3, dst, 1, 5, UpsamplingMode.Nearest);
        Assert.Equal(new[] { 0f, 0f, 1f, 1f, 2f }, dst);

        var block = new float[16];
        HeatmapPreparation.Upsample([1f, 2f, 3f, 4f], 2, 2, block, 4, 4, UpsamplingMode.Nearest);
        Assert.Equal(new[] { 1f, 1f, 2f, 2f, 1f, 1f, 2f, 2f, 3f, 3f, 4f, 4f, 3f, 3f, 4f, 4f }, block);
    }

    [Fact]
    public void Upsample_rejects_sizes_that_do_not_match()
    {
        Assert.Throws<ArgumentException>(() => HeatmapPreparation.Upsample(new float[4], 2, 3, new float[4], 2, 2));
        Assert.Throws<ArgumentException>(() => HeatmapPreparation.Upsample(new float[4], 2, 2, new float[4], 0, 2));
    }

    [Fact]
    public void Quantize_is_floor_of_255_times_s_clamped()
    {
        float[] s = [0f, 1f, 0.5f, 0.2f, 1f / 255f, 0.999f, -0.3f, 1.7f, float.NaN, 254.9999f / 255f];
        var q = new byte[s.Length];
        HeatmapBoxExtractor.Quantize(s, q);
        Assert.Equal(new byte[] { 0, 255, 127, 51, 1, 254, 0, 255, 0, 254 }, q);
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
