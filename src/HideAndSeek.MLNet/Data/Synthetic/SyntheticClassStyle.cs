namespace HideAndSeek.Data.Synthetic;

/// <summary>
/// How objects of one class look: the stripe texture of an informative body and the exact colour of the head. Fixed
/// by the class index alone, so a class looks the same whatever the seed.
/// </summary>
internal sealed record SyntheticClassStyle(StripeTexture Body, Rgb Head)
{
    public static SyntheticClassStyle For(int classIndex, int classCount)
    {
        // Orientations spread evenly over half a turn so that any two classes differ by at least 180/C degrees.
        double angle = Math.PI * classIndex / classCount;
        double period = StripeTexture.Periods[classIndex % StripeTexture.Periods.Count];
        // Body palettes sit between the head hues: clearly not the head's colour.
        var body = new StripeTexture(angle, period, (classIndex + 0.5) / classCount);
        // Fully saturated, evenly spaced hues; rounded to bytes here so the written colour is exact.
        var head = Rgb.FromHsv((double)classIndex / classCount, 1, 1);
        head = new Rgb(Rgb.ToByte(head.R), Rgb.ToByte(head.G), Rgb.ToByte(head.B));
        return new SyntheticClassStyle(body, head);
    }
}
