namespace HideAndSeek.Data.Synthetic;

/// <summary>A colour with channels in 0..255 as doubles, so that blending and noise do not round at each step.</summary>
internal readonly record struct Rgb(double R, double G, double B)
{
    public static Rgb Grey(double level) => new(level, level, level);

    public static Rgb operator +(Rgb a, Rgb b) => new(a.R + b.R, a.G + b.G, a.B + b.B);

    public static Rgb operator *(Rgb a, double k) => new(a.R * k, a.G * k, a.B * k);

    public static Rgb Lerp(Rgb a, Rgb b, double t) => a * (1 - t) + b * t;

    /// <summary>Hue in turns (0..1), saturation and value in 0..1.</summary>
    public static Rgb FromHsv(double hue, double saturation, double value)
    {
        double h = (hue - Math.Floor(hue)) * 6;
        int sector = (int)h % 6;
        double f = h - Math.Floor(h);
        double p = value * (1 - saturation), q = value * (1 - saturation * f), t = value * (1 - saturation * (1 - f));
        var (r, g, b) = sector switch
        {
            0 => (value, t, p),
            1 => (q, value, p),
            2 => (p, value, t),
            3 => (p, q, value),
            4 => (t, p, value),
            _ => (value, p, q),
        };
        return new Rgb(r * 255, g * 255, b * 255);
    }

    public static byte ToByte(double channel) => (byte)Math.Clamp((int)Math.Round(channel), 0, 255);
}
