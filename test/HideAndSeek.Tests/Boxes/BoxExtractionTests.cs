
using HideAndSeek.Boxes;

namespace HideAndSeek.Tests.Boxes;

public class BoxExtractionTests
{
    private const LocalizationConvention Tight = LocalizationConvention.Tight;
    private const LocalizationConvention Wsol = LocalizationConvention.WsolEvaluation;

    [Fact]
    public void Unimodal_map_gives_the_tight_box_of_pixels_above_t_times_max()
    {
        var (map, h, w) = TestMaps.FromRows(
            "........",
            "..1221..",
            "..2992..",
            "..2552..",
            "...11...",
            "........");
        // t = 0.5: foreground = value > 0.5 (the 5s and 9s).
        Assert.Equal(new BoundingBox(3, 2, 4, 3), HeatmapBoxExtractor.ExtractBox(map, h, w, 0.5, BoxMode.AllForeground));
        // t = 0.1: every non-zero value (1/9 = 0.111 > 0.1).
        Assert.Equal(new BoundingBox(2, 1, 5, 4), HeatmapBoxExtractor.ExtractBox(map, h, w, 0.1, BoxMode.AllForeground));
        Assert.Equal(new BoundingBox(2, 1, 5, 4), HeatmapBoxExtractor.ExtractBox(map, h, w, 0.1, BoxMode.LargestComponent));
    }

    [Fact]
    public void Foreground_is_strictly_above_the_threshold()
    {
        float[] map = [0.5f, 1f, 0.25f, 0.5f];
        Assert.Equal(new BoundingBox(1, 0, 1, 0), HeatmapBoxExtractor.ExtractBox(map, 1, 4, 0.5, BoxMode.AllForeground));
        Assert.Equal(new BoundingBox(0, 0, 3, 0), HeatmapBoxExtractor.ExtractBox(map, 1, 4, 0.2, BoxMode.AllForeground));
    }

    [Fact]
    public void Multimodal_map_gives_a_hull_the_largest_component_and_every_component()
    {
        var (map, h, w) = TestMaps.FromRows(
            "99.......",
            "99....9..",
            "......99.",
            "......99.",
            "9........");
        Assert.Equal(new BoundingBox(0, 0, 7, 4), HeatmapBoxExtractor.ExtractBox(map, h, w, 0.5, BoxMode.AllForeground));
        Assert.Equal(new BoundingBox(6, 1, 7, 3), HeatmapBoxExtractor.ExtractBox(map, h, w, 0.5, BoxMode.LargestComponent));
        Assert.Equal(
            new[] { new BoundingBox(0, 0, 1, 1), new BoundingBox(6, 1, 7, 3), new BoundingBox(0, 4, 0, 4) },
            HeatmapBoxExtractor.ExtractBoxes(map, h, w, 0.5, BoxMode.AllContours));
    }

    [Fact]
    public void Equal_maxima_are_all_foreground()
    {
        var (map, h, w) = TestMaps.FromRows(
            "9...9",
            ".....",
            "..9..");
        Assert.Equal(new BoundingBox(0, 0, 4, 2), HeatmapBoxExtractor.ExtractBox(map, h, w, 0.9, BoxMode.AllForeground));
        Assert.Equal(3, HeatmapBoxExtractor.ExtractBoxes(map, h, w, 0.9, BoxMode.AllContours).Length);
    }

    [Fact]
    public void Tied_components_resolve_to_the_first_in_raster_order_when_tight_and_to_OpenCV_order_for_wsolevaluation()
    {
        var (map, h, w) = TestMaps.FromRows(
            "........",
            ".99.....",
            ".99..99.",
            ".....99.",
            "........");
        // Tight: both have 4 pixels; the one whose first pixel comes first in raster order wins.
        Assert.Equal(new BoundingBox(1, 1, 2, 2), HeatmapBoxExtractor.ExtractBox(map, h, w, 0.5, BoxMode.LargestComponent));
        // wsolevaluation: both have polygon area 1; OpenCV lists the border found last first and max keeps the first.
        Assert.Equal(new BoundingBox(5, 2, 7, 4), HeatmapBoxExtractor.ExtractBox(map, h, w, 0.5, BoxMode.LargestComponent, Wsol));
    }

    [Fact]
    public void Largest_contour_by_polygon_area_differs_from_largest_by_pixel_count()
    {
        // A one-pixel-wide line of 8 pixels (polygon area 0) and a 2x2 block (area 1).
        var (map, h, w) = TestMaps.FromRows(
            "99999999",
            "........",
            "........",
            ".....99.",
            ".....99.");
        Assert.Equal(new BoundingBox(0, 0, 7, 0), HeatmapBoxExtractor.ExtractBox(map, h, w, 0.5, BoxMode.LargestComponent));
        Assert.Equal(new BoundingBox(5, 3, 7, 4), HeatmapBoxExtractor.ExtractBox(map, h, w, 0.5, BoxMode.LargestComponent, Wsol));
    }

    [Fact]
    public void Constant_map_gives_an_empty_box_when_tight_and_the_zero_box_for_wsolevaluation()
    {
        var map = Enumerable.Repeat(0.3f, 12).ToArray();
        HeatmapPreparation.Normalize(map);
        foreach (var mode in new[] { BoxMode.AllForeground, BoxMode.LargestComponent })
        {
            Assert.True(HeatmapBoxExtractor.ExtractBox(map, 3, 4, 0.2, mode).IsEmpty);
            Assert.Equal(new BoundingBox(0, 0, 0, 0), HeatmapBoxExtractor.ExtractBox(map, 3, 4, 0.2, mode, Wsol));
        }

        Assert.Empty(HeatmapBoxExtractor.ExtractBoxes(map, 3, 4, 0.2, BoxMode.AllContours));
        Assert.Equal(new[] { new BoundingBox(0, 0, 0, 0) }, HeatmapBoxExtractor.ExtractBoxes(map, 3, 4, 0.2, BoxMode.AllContours, Wsol));

        // A constant map left un-normalised at 1: everything is foreground (s8 = 255 > int(0.2 * 255) = 51).
        var ones = Enumerable.Repeat(1f, 12).ToArray();
        Assert.Equal(new BoundingBox(0, 0, 3, 2), HeatmapBoxExtractor.ExtractBox(ones, 3, 4, 0.2, BoxMode.AllForeground, Wsol));
        Assert.Equal(new BoundingBox(0, 0, 3, 2), HeatmapBoxExtractor.ExtractBox(ones, 3, 4, 0.2, BoxMode.AllForeground));
    }

    [Fact]
    public void NaN_maps_give_defined_boxes()
    {
        var nan = Enumerable.Repeat(float.NaN, 6).ToArray();
        Assert.True(HeatmapBoxExtractor.ExtractBox(nan, 2, 3, 0.2, BoxMode.AllForeground).IsEmpty);
        Assert.True(HeatmapBoxExtractor.ExtractBox(nan, 2, 3, 0.2, BoxMode.LargestComponent).IsEmpty);
        Assert.Equal(new BoundingBox(0, 0, 0, 0), HeatmapBoxExtractor.ExtractBox(nan, 2, 3, 0.2, BoxMode.LargestComponent, Wsol));

        // NaN among valid values is never foreground and does not change max.
        float[] mixed = [float.NaN, 1f, 0.1f, float.NaN, 0.6f, float.PositiveInfinity];
        Assert.Equal(new BoundingBox(1, 0, 1, 1), HeatmapBoxExtractor.ExtractBox(mixed, 2, 3, 0.5, BoxMode.AllForeground));

        var normalised = (float[])mixed.Clone();
        HeatmapPreparation.Normalize(normalised);
        Assert.Equal(new BoundingBox(1, 0, 1, 1), HeatmapBoxExtractor.ExtractBox(normalised, 2, 3, 0.5, BoxMode.AllForeground));
    }

    [Fact]
    public void Threshold_of_one_or_more_gives_an_empty_foreground()
    {
        var (map, h, w) = TestMaps.FromRows("19", "91");
        Assert.True(HeatmapBoxExtractor.ExtractBox(map, h, w, 1.0, BoxMode.AllForeground).IsEmpty);
        Assert.Equal(new BoundingBox(0, 0, 0, 0), HeatmapBoxExtractor.ExtractBox(map, h, w, 1.0, BoxMode.AllForeground, Wsol));
        Assert.Throws<ArgumentException>(() => HeatmapBoxExtractor.ExtractBox(map, h, w, double.NaN, BoxMode.AllForeground));
    }

    [Fact]
    public void Boxes_touching_the_border_stay_inside_the_image()
    {
        var (map, h, w) = TestMaps.FromRows(
            "9.....",
            "......",
            "....99",
            "....99");
        Assert.Equal(
            new[] { new BoundingBox(0, 0, 0, 0), new BoundingBox(4, 2, 5, 3) },
            HeatmapBoxExtractor.ExtractBoxes(map, h, w, 0.5, BoxMode.AllContours));
        // wsolevaluation: (x, y, min(x + w, W - 1), min(y + h, H - 1)); the corner block cannot grow past the image,
        // the lone pixel at the origin becomes 2 x 2. OpenCV lists the later-found block first.
        Assert.Equal(
            new[] { new BoundingBox(4, 2, 5, 3), new BoundingBox(0, 0, 1, 1) },
            HeatmapBoxExtractor.ExtractBoxes(map, h, w, 0.5, BoxMode.AllContours, Wsol));
    }

    [Fact]
    public void Wsolevaluation_box_is_one_pixel_wider_and_taller_than_the_tight_box_unless_clipped()
    {
        var map = new float[64];
        map[3 * 8 + 2] = 1f; // a single pixel at (2, 3) in an 8 x 8 map
        Assert.Equal(new BoundingBox(2, 3, 2, 3), HeatmapBoxExtractor.ExtractBox(map, 8, 8, 0.5, BoxMode.AllForeground));
        Assert.Equal(new BoundingBox(2, 3, 3, 4), HeatmapBoxExtractor.ExtractBox(map, 8, 8, 0.5, BoxMode.AllForeground, Wsol));
        Assert.Equal(new BoundingBox(2, 3, 3, 4), HeatmapBoxExtractor.ExtractBox(map, 8, 8, 0.5, BoxMode.LargestComponent, Wsol));

        var corner = new float[64];
        corner[63] = 1f;
        Assert.Equal(new BoundingBox(7, 7, 7, 7), HeatmapBoxExtractor.ExtractBox(corner, 8, 8, 0.5, BoxMode.LargestComponent, Wsol));
        corner[6 * 8 + 7] = 1f;
        Assert.Equal(new BoundingBox(7, 6, 7, 7), HeatmapBoxExtractor.ExtractBox(corner, 8, 8, 0.5, BoxMode.LargestComponent, Wsol));
    }

    [Fact]
    public void A_value_above_t_times_max_in_float_can_fall_below_the_uint8_cut()
    {
        // max = 1 -> max8 = 255, t = 0.5 -> cut int(127.5) = 127. 0.501 > 0.5 in float, but s8 = floor(127.755) = 127,
        // not above the cut.
        float[] map = [1f, 0.501f, 0f];
        Assert.Equal(new BoundingBox(0, 0, 1, 0), HeatmapBoxExtractor.ExtractBox(map, 1, 3, 0.5, BoxMode.AllForeground));
        Assert.Equal(new BoundingBox(0, 0, 1, 0), HeatmapBoxExtractor.ExtractBox(map, 1, 3, 0.5, BoxMode.AllForeground, Wsol));
        var wsolMask = new byte[3];
        HeatmapBoxExtractor.ForegroundMask(map, 0.5, wsolMask, Wsol);
        Assert.Equal(new byte[] { 1, 0, 0 }, wsolMask);
        var floatMask = new byte[3];
        HeatmapBoxExtractor.ForegroundMask(map, 0.5, floatMask);
        Assert.Equal(new byte[] { 1, 1, 0 }, floatMask);
    }

    [Fact]
    public void A_value_below_t_times_max_in_float_can_rise_above_the_uint8_cut()
    {
        // max = 0.999 -> max8 = 254, t = 0.9 -> cut int(228.6) = 228. 0.8985 < 0.9 * 0.999 = 0.8991 in float,
        // but s8 = floor(229.12) = 229 > 228.
        float[] map = [0.999f, 0.8985f, 0f];
        var floatMask = new byte[3];
        HeatmapBoxExtractor.ForegroundMask(map, 0.9, floatMask);
        Assert.Equal(new byte[] { 1, 0, 0 }, floatMask);
        var wsolMask = new byte[3];
        HeatmapBoxExtractor.ForegroundMask(map, 0.9, wsolMask, Wsol);
        Assert.Equal(new byte[] { 1, 1, 0 }, wsolMask);
        Assert.Equal(new BoundingBox(0, 0, 0, 0), HeatmapBoxExtractor.ExtractBox(map, 1, 3, 0.9, BoxMode.AllForeground));
        Assert.Equal(new BoundingBox(0, 0, 2, 0), HeatmapBoxExtractor.ExtractBox(map, 1, 3, 0.9, BoxMode.AllForeground, Wsol));
    }

    [Fact]
    public void Wsolevaluation_contours_include_hole_borders()
    {
        var (map, h, w) = TestMaps.FromRows(
            ".......",
            ".99999.",
            ".9...9.",
            ".9...9.",
            ".99999.",
            ".......");
        // Tight: one component.
        Assert.Equal(new[] { new BoundingBox(1, 1, 5, 4) }, HeatmapBoxExtractor.ExtractBoxes(map, h, w, 0.5, BoxMode.AllContours));
        // wsolevaluation: the outer border (1..5 x 1..4, +1) and the hole's border, which runs through the ring itself.
        Assert.Equal(
            new[] { new BoundingBox(1, 1, 6, 5), new BoundingBox(1, 1, 6, 5) },
            HeatmapBoxExtractor.ExtractBoxes(map, h, w, 0.5, BoxMode.AllContours, Wsol));

        var (thick, th, tw) = TestMaps.FromRows(
            ".........",
            ".9999999.",
            ".9999999.",
            ".99...99.",
            ".9999999.",
            ".9999999.",
            ".........");
        // The hole spans columns 3..5 of row 3; its border runs through columns 2..6, rows 2..4.
        Assert.Equal(
            new[] { new BoundingBox(1, 1, 8, 6), new BoundingBox(2, 2, 7, 5) },
            HeatmapBoxExtractor.ExtractBoxes(thick, th, tw, 0.5, BoxMode.AllContours, Wsol));
    }

    [Fact]
    public void AllContours_has_no_single_box()
    {
        var (map, h, w) = TestMaps.FromRows("9");
        Assert.Throws<ArgumentException>(() => HeatmapBoxExtractor.ExtractBox(map, h, w, 0.5, BoxMode.AllContours));
        Assert.Throws<ArgumentException>(() => HeatmapBoxExtractor.ExtractBox(map, 2, 1, 0.5, BoxMode.AllForeground));
    }
}
