namespace HideAndSeek.Data;

/// <summary>
/// How objects of one class look: the stripe texture of the body (orientation, period, two-colour palette) and the
/// exact colour of the head. Fixed by the class index alone, so a class looks the same whatever the seed.
/// </summary>
internal sealed record SyntheticClassStyle(double StripeAngle, double StripePeriod, Rgb StripeLight, Rgb StripeDark, Rgb Head)
{
    public static SyntheticClassStyle For(int classIndex, int classCount)
    {
        // Orientations spread evenly over half a turn so that any two classes differ by at least 180/C degrees.
        double angle = Math.PI * classIndex / classCount;
        double period = 5 + 2 * (classIndex % 3);
        // Body palettes sit between the head hues and are only half-saturated: clearly not the head's colour.
        double bodyHue = (classIndex + 0.5) / classCount;
        var light = Rgb.FromHsv(bodyHue, 0.45, 0.9);
        var dark = Rgb.FromHsv(bodyHue + 0.08, 0.55, 0.4);
        // Fully saturated, evenly spaced hues; rounded to bytes here so the written colour is exact.
        var head = Rgb.FromHsv((double)classIndex / classCount, 1, 1);
        head = new Rgb(Rgb.ToByte(head.R), Rgb.ToByte(head.G), Rgb.ToByte(head.B));
        return new SyntheticClassStyle(angle, period, light, dark, head);
    }
}
