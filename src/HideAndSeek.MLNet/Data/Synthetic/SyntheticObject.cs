namespace HideAndSeek.Data.Synthetic;

/// <summary>
/// The object of one synthetic image: an elliptic body filled with a stripe texture and a small round head at one end
/// of its long axis. Coordinates are in pixels, with pixel (x, y) centred on the integer point (x, y).
/// </summary>
/// <param name="CenterX">Body centre, x.</param>
/// <param name="CenterY">Body centre, y.</param>
/// <param name="SemiMajor">Half the body's long axis.</param>
/// <param name="SemiMinor">Half the body's short axis.</param>
/// <param name="Rotation">Direction of the long axis (radians).</param>
/// <param name="HeadX">Head centre, x.</param>
/// <param name="HeadY">Head centre, y.</param>
/// <param name="HeadRadius">Head radius (half the part size).</param>
/// <param name="Body">The body's texture (a class texture already turned by the per-object jitter).</param>
/// <param name="BodyClass">The class whose texture the body carries, or null for a random texture.</param>
/// <param name="StripePhase">Phase of the stripes (radians).</param>
internal sealed record SyntheticObject(
    double CenterX,
    double CenterY,
    double SemiMajor,
    double SemiMinor,
    double Rotation,
    double HeadX,
    double HeadY,
    double HeadRadius,
    StripeTexture Body,
    int? BodyClass,
    double StripePhase)
{
    /// <summary>Draws an object of <paramref name="classIndex"/> that lies fully inside the image.</summary>
    public static SyntheticObject Sample(Random rng, int classIndex, SyntheticWsolOptions options)
    {
        int size = options.ImageSize;
        double headRadius = options.PartSize / 2.0;
        double major = (0.35 + 0.40 * rng.NextDouble()) * size; // length of the long axis: 35-75 % of the side
        double aspect = 0.45 + 0.35 * rng.NextDouble();
        double rotation = Math.PI * rng.NextDouble();
        int side = rng.Next(2) == 0 ? -1 : 1;

        // Informative: the class's own texture. Otherwise a random texture (uncorrelated with the class) or, in the
        // adversarial mode, another class's texture; with one class there is no other, so the body stays informative.
        bool informative = rng.NextDouble() < options.BodyInformativeness
            || (options.UninformativeBody == UninformativeBody.OtherClass && options.Classes == 1);
        int? bodyClass = classIndex;
        if (!informative && options.UninformativeBody == UninformativeBody.OtherClass)
        {
            int other = rng.Next(options.Classes - 1);
            bodyClass = other >= classIndex ? other + 1 : other;
        }
        else if (!informative)
        {
            bodyClass = null;
        }
        // A little jitter keeps orientation from being a single exact value, yet well below the gap between classes.
        double jitter = (rng.NextDouble() - 0.5) * 0.3 * Math.PI / options.Classes;
        var body = bodyClass is int textureClass
            ? SyntheticClassStyle.For(textureClass, options.Classes).Body.Turned(jitter)
            : StripeTexture.Random(rng);
        double phase = 2 * Math.PI * rng.NextDouble();

        for (int attempt = 0; ; attempt++)
        {
            double a = major / 2, b = a * aspect;
            double cos = Math.Cos(rotation), sin = Math.Sin(rotation);
            // The head centre sits just inside the radius beyond the tip, so the tip pixel is shared and head and body touch.
            double reach = a + headRadius - 1;
            double headDx = side * cos * reach, headDy = side * sin * reach;
            double halfWidth = Math.Sqrt(a * a * cos * cos + b * b * sin * sin);
            double halfHeight = Math.Sqrt(a * a * sin * sin + b * b * cos * cos);
            double left = Math.Min(-halfWidth, headDx - headRadius), right = Math.Max(halfWidth, headDx + headRadius);
            double top = Math.Min(-halfHeight, headDy - headRadius), bottom = Math.Max(halfHeight, headDy + headRadius);
            // Keep every point of the shape within [0, size - 1], the centres of the border pixels.
            double minX = -left, maxX = size - 1 - right, minY = -top, maxY = size - 1 - bottom;
            if (minX <= maxX && minY <= maxY)
            {
                double cx = minX + (maxX - minX) * rng.NextDouble();
                double cy = minY + (maxY - minY) * rng.NextDouble();
                return new SyntheticObject(cx, cy, a, b, rotation, cx + headDx, cy + headDy, headRadius,
                    body, bodyClass, phase);
            }
            if (attempt > 100)
                throw new InvalidOperationException("The object does not fit the image; check ImageSize and PartSize.");
            major *= 0.9;
        }
    }

    public bool InBody(int x, int y)
    {
        double dx = x - CenterX, dy = y - CenterY;
        double cos = Math.Cos(Rotation), sin = Math.Sin(Rotation);
        double u = (dx * cos + dy * sin) / SemiMajor, v = (-dx * sin + dy * cos) / SemiMinor;
        return u * u + v * v <= 1;
    }

    public bool InHead(int x, int y)
    {
        double dx = x - HeadX, dy = y - HeadY;
        // The pixel nearest the centre always belongs to the head: a one-pixel head centred between pixels would
        // otherwise cover none.
        return dx * dx + dy * dy <= HeadRadius * HeadRadius
            || (x == (int)Math.Round(HeadX) && y == (int)Math.Round(HeadY));
    }
}
