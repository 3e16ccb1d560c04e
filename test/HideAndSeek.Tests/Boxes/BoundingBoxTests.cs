using CsCheck;
using HideAndSeek.Boxes;

namespace HideAndSeek.Tests.Boxes;

public class BoundingBoxTests
{
    private static readonly Gen<BoundingBox> AnyBox =
        from x0 in Gen.Int[-20, 40]
        from y0 in Gen.Int[-20, 40]
        from w in Gen.Int[1, 30]
        from h in Gen.Int[1, 30]
        select new BoundingBox(x0, y0, x0 + w - 1, y0 + h - 1);

    [Fact]
    public void Single_pixel_box_has_area_one()
    {
        var box = new BoundingBox(3, 4, 3, 4);
        Assert.Equal(1, box.Width);
        Assert.Equal(1, box.Height);
        Assert.Equal(1L, box.Area);
        Assert.False(box.IsEmpty);
    }

    [Fact]
    public void Inclusive_sizes_count_both_ends()
    {
        var box = new BoundingBox(0, 0, 63, 31);
        Assert.Equal(64, box.Width);
        Assert.Equal(32, box.Height);
        Assert.Equal(2048L, box.Area);
    }

    [Fact]
    public void IoU_of_identical_boxes_is_one()
    {
        var box = new BoundingBox(2, 5, 2, 5);
        Assert.Equal(1.0, BoundingBox.IoU(box, box));
        Assert.Equal(1.0, BoundingBox.IoU(new BoundingBox(0, 0, 10, 7), new BoundingBox(0, 0, 10, 7)));
    }

    [Fact]
    public void Adjacent_boxes_that_share_no_pixel_have_IoU_zero()
    {
        Assert.Equal(0.0, BoundingBox.IoU(new BoundingBox(0, 0, 4, 4), new BoundingBox(5, 0, 9, 4)));
        Assert.Equal(0.0, BoundingBox.IoU(new BoundingBox(0, 0, 4, 4), new BoundingBox(0, 5, 4, 9)));
        Assert.Equal(0.0, BoundingBox.IoU(new BoundingBox(0, 0, 4, 4), new BoundingBox(5, 5, 9, 9)));
    }

    [Fact]
    public void Boxes_sharing_one_column_overlap_in_that_column()
    {
        // (0..4) and (4..8) share column 4: inter = 1 * 5, union = 25 + 25 - 5.
        Assert.Equal(5.0 / 45.0, BoundingBox.IoU(new BoundingBox(0, 0, 4, 4), new BoundingBox(4, 0, 8, 4)));
        // Diagonal neighbours sharing one pixel: inter 1, union 4 + 4 - 1.
        Assert.Equal(1.0 / 7.0, BoundingBox.IoU(new BoundingBox(0, 0, 1, 1), new BoundingBox(1, 1, 2, 2)));
    }

    [Fact]
    public void Empty_box_has_no_area_and_no_overlap()
    {
        var empty = BoundingBox.Empty;
        Assert.True(empty.IsEmpty);
        Assert.Equal(0, empty.Width);
        Assert.Equal(0L, empty.Area);
        Assert.Equal(0.0, BoundingBox.IoU(empty, empty));
        Assert.Equal(0.0, BoundingBox.IoU(empty, new BoundingBox(0, 0, 5, 5)));
        Assert.True(new BoundingBox(5, 0, 4, 3).IsEmpty);
        Assert.Equal(0.0, BoundingBox.MaxIoU(new BoundingBox(0, 0, 1, 1), []));
    }

    [Fact]
    public void Clip_keeps_the_part_inside_the_image()
    {
        Assert.Equal(new BoundingBox(0, 0, 63, 63), new BoundingBox(-5, -1, 70, 64).Clip(64, 64));
        Assert.Equal(new BoundingBox(3, 4, 5, 6), new BoundingBox(3, 4, 5, 6).Clip(64, 64));
        Assert.True(new BoundingBox(64, 0, 70, 10).Clip(64, 64).IsEmpty);
        Assert.True(new BoundingBox(-9, -9, -1, -1).Clip(64, 64).IsEmpty);
        Assert.True(new BoundingBox(3, 4, 5, 6).IsInside(6, 7));
        Assert.False(new BoundingBox(3, 4, 6, 6).IsInside(6, 7));
    }

    [Fact]
    public void Floats_round_trip_and_round_to_nearest()
    {
        var box = new BoundingBox(1, 2, 30, 40);
        Assert.Equal(box, BoundingBox.FromFloats(box.ToFloats()));
        Span<float> buffer = stackalloc float[4];
        box.ToFloats(buffer);
        Assert.Equal(new[] { 1f, 2f, 30f, 40f }, buffer.ToArray());
        Assert.Equal(new BoundingBox(1, 3, 30, 40), BoundingBox.FromFloats([1.2f, 2.5f, 29.6f, 40f]));
        Assert.Throws<ArgumentException>(() => BoundingBox.FromFloats([1f, 2f, 3f]));
        Assert.Throws<ArgumentException>(() => BoundingBox.FromFloats([1f, float.NaN, 3f, 4f]));
        Assert.Throws<ArgumentException>(() => BoundingBox.FromFloats([1f, 2f, 3e12f, 4f]));
    }

    [Fact]
    public void Centred_box_covers_the_area_fraction_with_both_sides_scaled_by_its_root()
    {
        // sqrt(0.25) * 64 = 32 -> columns 16..47.
        Assert.Equal(new BoundingBox(16, 16, 47, 47), BoundingBox.CentredBox(64, 64, 0.25));
        // sqrt(0.5) * 64 = 45.25 -> 45 pixels from (64 - 45) / 2 = 9.
        Assert.Equal(new BoundingBox(9, 9, 53, 53), BoundingBox.CentredBox(64, 64, 0.5));
        Assert.Equal(new BoundingBox(0, 0, 63, 31), BoundingBox.CentredBox(64, 32, 1.0));
        Assert.Equal(new BoundingBox(2, 2, 2, 2), BoundingBox.CentredBox(5, 5, 1e-6));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundingBox.CentredBox(64, 64, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundingBox.CentredBox(64, 64, 1.5));
    }

    [Fact]
    public void IoU_is_symmetric_and_in_unit_interval() =>
        Gen.Select(AnyBox, AnyBox).Sample((a, b) =>
        {
            double iou = BoundingBox.IoU(a, b);
            Assert.Equal(iou, BoundingBox.IoU(b, a));
            Assert.InRange(iou, 0.0, 1.0);
        }, iter: 2000, threads: 1);

    [Fact]
    public void IoU_with_itself_is_one() =>
        AnyBox.Sample(a => Assert.Equal(1.0, BoundingBox.IoU(a, a)), iter: 1000, threads: 1);

    [Fact]
    public void IoU_of_a_contained_box_is_the_area_ratio() =>
        (from outer in AnyBox
         from dx0 in Gen.Int[0, 30]
         from dy0 in Gen.Int[0, 30]
         from dx1 in Gen.Int[0, 30]
         from dy1 in Gen.Int[0, 30]
         select (outer, dx0, dy0, dx1, dy1))
        .Sample(c =>
        {
            var (outer, dx0, dy0, dx1, dy1) = c;
            int x0 = outer.XMin + Math.Min(dx0, outer.Width - 1);
            int y0 = outer.YMin + Math.Min(dy0, outer.Height - 1);
            int x1 = Math.Max(x0, outer.XMax - dx1);
            int y1 = Math.Max(y0, outer.YMax - dy1);
            var inner = new BoundingBox(x0, y0, x1, y1);
            Assert.Equal((double)inner.Area / outer.Area, BoundingBox.IoU(inner, outer));
        }, iter: 2000, threads: 1);
}
