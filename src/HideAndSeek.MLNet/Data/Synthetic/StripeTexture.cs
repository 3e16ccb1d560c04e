namespace HideAndSeek.Data.Synthetic;

/// <summary>
/// The striped texture of a body: orientation in the image frame (radians; half a turn covers every orientation),
/// period in pixels, and the hue (turns) of its two-colour palette.
/// </summary>
internal sealed record StripeTexture(double Angle, double Period, double Hue)
{
    /// <summary>The periods a texture may have (pixels); class c uses Periods[c % 3].</summary>
    public static IReadOnlyList<double> Periods { get; } = [5, 7, 9];

    /// <summary>The light stripe colour: a half-saturated shade, clearly not a (fully saturated) head colour.</summary>
    public Rgb Light => Rgb.FromHsv(Hue, 0.45, 0.9);

    /// <summary>The dark stripe colour.</summary>
    public Rgb Dark => Rgb.FromHsv(Hue + 0.08, 0.55, 0.4);

    /// <summary>
    /// A texture that says nothing about the class: orientation, period and hue drawn uniformly from the ranges the
    /// class textures come from, whatever the class (so the object's own texture is among the outcomes).
    /// </summary>
    public static StripeTexture Random(Random rng)
    {
        double angle = Math.PI * rng.NextDouble();
        double period = Periods[rng.Next(Periods.Count)];
        return new StripeTexture(angle, period, rng.NextDouble());
    }

    /// <summary>This texture turned by <paramref name="delta"/> radians.</summary>
    public StripeTexture Turned(double delta) => this with { Angle = Angle + delta };
}
