
using HideAndSeek.Boxes;

namespace HideAndSeek.Tests.Boxes;

public class ContourTracerTests
{
    [Fact]
    public void Matches_OpenCV_findContours_RETR_TREE_on_recorded_masks()
    {
        var cases = OpenCvFixtures.Masks();
        Assert.True(cases.Count >= 300);
        int contours = 0;
        foreach (var c in cases)
        {
            var traced = new ContourTracer(c.Height, c.Width).Trace(c.Mask);
            var actual = traced.Select(t => new[]
            {
                t.IsHole ? 1 : 0, t.Parent, t.MinX, t.MinY, t.MaxX - t.MinX + 1, t.MaxY - t.MinY + 1, (int)t.TwiceArea,
            }).ToList();
            Assert.Equal(c.Contours.Count, actual.Count);
            for (int i = 0; i < actual.Count; i++)
            {
                Assert.Equal(c.Contours[i], actual[i]);
            }

            contours += actual.Count;
        }

        Assert.True(contours > 800, $"only {contours} contours compared");
    }

    [Fact]
    public void Isolated_pixel_is_a_one_point_contour_of_area_zero()
    {
        var mask = new byte[9];
        mask[4] = 1;
        var c = Assert.Single(new ContourTracer(3, 3).Trace(mask));
        Assert.False(c.IsHole);
        Assert.Equal((1, 1, 1, 1), (c.MinX, c.MinY, c.MaxX, c.MaxY));
        Assert.Equal(0.0, c.Area);
        Assert.Equal(new[] { 1, 1 }, c.Points);
    }

    [Fact]
    public void Filled_square_has_the_area_of_the_polygon_through_its_border_pixel_centres()
    {
        var mask = Enumerable.Repeat((byte)1, 16).ToArray();
        var c = Assert.Single(new ContourTracer(4, 4).Trace(mask));
        Assert.Equal(9.0, c.Area); // (4 - 1) * (4 - 1)
        Assert.Equal(12, c.Points.Length / 2); // the 12 border pixels, each once
    }

    [Fact]
    public void Ring_has_an_outer_border_and_a_hole_border_that_is_its_child()
    {
        byte[] mask =
        [
            1, 1, 1,
            1, 0, 1,
            1, 1, 1,
        ];
        var contours = new ContourTracer(3, 3).Trace(mask);
        Assert.Equal(2, contours.Count);
        Assert.False(contours[0].IsHole);
        Assert.Equal(-1, contours[0].Parent);
        Assert.Equal(4.0, contours[0].Area);
        Assert.True(contours[1].IsHole);
        Assert.Equal(0, contours[1].Parent);
        Assert.Equal(2.0, contours[1].Area); // the diamond through the hole's four 4-neighbours
        Assert.Equal((0, 0, 2, 2), (contours[1].MinX, contours[1].MinY, contours[1].MaxX, contours[1].MaxY));
    }

    [Fact]
    public void Empty_mask_has_no_contour()
    {
        Assert.Empty(new ContourTracer(4, 5).Trace(new byte[20]));
        Assert.Throws<ArgumentException>(() => new ContourTracer(4, 5).Trace(new byte[19]));
    }
}
