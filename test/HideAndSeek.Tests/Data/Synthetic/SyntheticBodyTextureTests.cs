using HideAndSeek.Data.Synthetic;

namespace HideAndSeek.Tests.Data.Synthetic;

/// <summary>What the bodies say about the class: informative ones their class, uninformative ones nothing (or, in the
/// adversarial mode, another class).</summary>
public class SyntheticBodyTextureTests
{
    private const int Classes = 6;
    private const int PerClass = 600;

    /// <summary>Bodies of <paramref name="perClass"/> objects of every class, each from its own seeded stream.</summary>
    private static List<(int Class, SyntheticObject Object)> Objects(SyntheticWsolOptions options, int perClass = PerClass) =>
        Enumerable.Range(0, options.Classes * perClass)
            .Select(i => (i % options.Classes, SyntheticObject.Sample(new Random(1000 + i), i % options.Classes, options)))
            .ToList();

    /// <summary>
    /// Pearson's chi-square statistic of the class x bin table: how far the bins' distribution differs between classes.
    /// </summary>
    private static double ChiSquare(IEnumerable<(int Class, int Bin)> cells, int classes, int bins)
    {
        var table = new double[classes, bins];
        int n = 0;
        foreach (var (c, b) in cells)
        {
            table[c, b]++;
            n++;
        }
        double statistic = 0;
        for (int c = 0; c < classes; c++)
        {
            double row = Enumerable.Range(0, bins).Sum(b => table[c, b]);
            for (int b = 0; b < bins; b++)
            {
                double column = Enumerable.Range(0, classes).Sum(k => table[k, b]);
                double expected = row * column / n;
                if (expected > 0)
                    statistic += (table[c, b] - expected) * (table[c, b] - expected) / expected;
            }
        }
        return statistic;
    }

    private static int AngleBin(StripeTexture t, int bins)
    {
        double turns = t.Angle / Math.PI;
        return (int)Math.Floor((turns - Math.Floor(turns)) * bins) % bins;
    }

    private static int HueBin(StripeTexture t, int bins) => (int)Math.Floor((t.Hue - Math.Floor(t.Hue)) * bins) % bins;

    private static int PeriodBin(StripeTexture t) => StripeTexture.Periods.ToList().IndexOf(t.Period);

    // Chi-square critical values at p = 0.001: 25 degrees of freedom (6 x 6 table) 52.62, 10 (6 x 3) 29.59.
    private const double Critical25 = 52.62;
    private const double Critical10 = 29.59;

    [Fact]
    public void Uninformative_bodies_have_orientation_period_and_colour_independent_of_the_class()
    {
        var objects = Objects(new SyntheticWsolOptions { Classes = Classes, BodyInformativeness = 0 });

        Assert.All(objects, o => Assert.Null(o.Object.BodyClass));
        Assert.InRange(ChiSquare(objects.Select(o => (o.Class, AngleBin(o.Object.Body, 6))), Classes, 6), 0, Critical25);
        Assert.InRange(ChiSquare(objects.Select(o => (o.Class, HueBin(o.Object.Body, 6))), Classes, 6), 0, Critical25);
        Assert.InRange(ChiSquare(objects.Select(o => (o.Class, PeriodBin(o.Object.Body))), Classes, 3), 0, Critical10);
    }

    [Fact]
    public void Uninformative_bodies_wear_the_own_class_colour_as_often_as_any_other()
    {
        var objects = Objects(new SyntheticWsolOptions { Classes = Classes, BodyInformativeness = 0 });

        // Class c's body hue is (c + 0.5) / C, the centre of hue bin c: each class lands in its own bin about 1/C of the time.
        for (int c = 0; c < Classes; c++)
        {
            var mine = objects.Where(o => o.Class == c).ToList();
            double own = mine.Count(o => HueBin(o.Object.Body, Classes) == c) / (double)mine.Count;
            Assert.InRange(own, 1.0 / Classes - 0.05, 1.0 / Classes + 0.05);
        }
    }

    [Fact]
    public void Adversarial_bodies_wear_another_class_texture_which_the_independence_check_catches()
    {
        var objects = Objects(new SyntheticWsolOptions
        {
            Classes = Classes,
            BodyInformativeness = 0,
            UninformativeBody = UninformativeBody.OtherClass,
        });

        Assert.All(objects, o => Assert.NotEqual(o.Class, o.Object.BodyClass));
        Assert.All(objects, o => Assert.Equal(SyntheticClassStyle.For(o.Object.BodyClass!.Value, Classes).Body.Hue, o.Object.Body.Hue));
        // Every other class equally often...
        foreach (var group in objects.GroupBy(o => o.Class))
            Assert.All(group.GroupBy(o => o.Object.BodyClass), g => Assert.InRange(g.Count(), PerClass / 5 - 40, PerClass / 5 + 40));
        // ...and never the own one: the body's hue depends on the class (the statistic the random mode keeps small).
        Assert.True(ChiSquare(objects.Select(o => (o.Class, HueBin(o.Object.Body, 6))), Classes, 6) > 10 * Critical25);
    }

    [Theory]
    [InlineData(UninformativeBody.Random)]
    [InlineData(UninformativeBody.OtherClass)]
    public void Informative_bodies_carry_the_class_own_pattern(UninformativeBody mode)
    {
        var options = new SyntheticWsolOptions { Classes = Classes, BodyInformativeness = 1, UninformativeBody = mode };
        foreach (var (c, obj) in Objects(options, perClass: 100))
        {
            var style = SyntheticClassStyle.For(c, Classes).Body;
            Assert.Equal(c, obj.BodyClass);
            Assert.Equal(style.Hue, obj.Body.Hue);
            Assert.Equal(style.Period, obj.Body.Period);
            // Jitter below a quarter of the gap between class orientations (pi / C).
            Assert.InRange(obj.Body.Angle - style.Angle, -0.15 * Math.PI / Classes - 1e-12, 0.15 * Math.PI / Classes + 1e-12);
        }
    }

    [Theory]
    [InlineData(UninformativeBody.Random, 0.5)]
    [InlineData(UninformativeBody.OtherClass, 0.5)]
    [InlineData(UninformativeBody.Random, 0.2)]
    public void Body_informativeness_is_the_share_of_bodies_with_the_own_texture(UninformativeBody mode, double share)
    {
        var options = new SyntheticWsolOptions { Classes = Classes, BodyInformativeness = share, UninformativeBody = mode };
        var objects = Objects(options, perClass: 300);
        double own = objects.Count(o => o.Object.BodyClass == o.Class) / (double)objects.Count;
        Assert.InRange(own, share - 0.04, share + 0.04);
    }

    [Fact]
    public void With_one_class_the_adversarial_mode_has_no_other_texture_and_keeps_the_own()
    {
        var options = new SyntheticWsolOptions { Classes = 1, BodyInformativeness = 0, UninformativeBody = UninformativeBody.OtherClass };
        Assert.All(Objects(options, perClass: 50), o => Assert.Equal(0, o.Object.BodyClass));
    }

    [Fact]
    public void Body_pixels_are_shades_between_the_texture_dark_and_light_colours()
    {
        var options = new SyntheticWsolOptions { Classes = Classes };
        var styles = Enumerable.Range(0, Classes).Select(c => SyntheticClassStyle.For(c, Classes)).ToArray();
        for (int i = 0; i < 12; i++)
        {
            var rng = new Random(i);
            var obj = SyntheticObject.Sample(rng, i % Classes, options);
            var image = SyntheticImageRenderer.Render(obj, styles, i % Classes, 64, clutter: 0.5, rng);
            Rgb dark = obj.Body.Dark, light = obj.Body.Light;
            for (int y = 0; y < 64; y++)
            {
                for (int x = 0; x < 64; x++)
                {
                    if (!obj.InBody(x, y) || obj.InHead(x, y))
                        continue;
                    int p = 3 * (y * 64 + x);
                    // The blend weight read off the channel that varies most must explain all three channels; bytes
                    // are rounded, so each is within 0.5 of the blend and the others within 1.
                    var deltas = new[] { light.R - dark.R, light.G - dark.G, light.B - dark.B };
                    var starts = new[] { dark.R, dark.G, dark.B };
                    int k = Array.IndexOf(deltas, deltas.MaxBy(Math.Abs));
                    double s = (image.Rgb[p + k] - starts[k]) / deltas[k];
                    Assert.InRange(s, -0.5 / Math.Abs(deltas[k]) - 1e-9, 1 + 0.5 / Math.Abs(deltas[k]) + 1e-9);
                    for (int ch = 0; ch < 3; ch++)
                        Assert.InRange(image.Rgb[p + ch] - (starts[ch] + s * deltas[ch]), -1.0 - 1e-9, 1.0 + 1e-9);
                }
            }
        }
    }
}
