using HideAndSeek.Data.ImageFiles;

namespace HideAndSeek.Data.Synthetic;

/// <summary>Paints one synthetic image (clutter, textured body, solid head) and its object mask.</summary>
internal static class SyntheticImageRenderer
{
    /// <summary>The pixels (RGB, row-major), the object mask and the tight inclusive box around the mask.</summary>
    public readonly record struct Result(byte[] Rgb, bool[] Mask, PixelBox Box);

    public static Result Render(SyntheticObject obj, IReadOnlyList<SyntheticClassStyle> styles, int classIndex,
        int size, double clutter, Random rng)
    {
        var pixels = Background(size, clutter, rng);
        var mask = new bool[size * size];
        var texture = obj.Body;
        var head = styles[classIndex].Head;
        double stripeX = Math.Cos(texture.Angle), stripeY = Math.Sin(texture.Angle);
        Rgb light = texture.Light, dark = texture.Dark;
        int xMin = size, yMin = size, xMax = -1, yMax = -1;

        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                Rgb colour;
                if (obj.InHead(x, y))
                {
                    colour = head; // exact: no texture, no noise
                }
                else if (obj.InBody(x, y))
                {
                    // Stripes are oriented in the image frame, so the orientation (not the body's pose) tells the class.
                    double t = (x * stripeX + y * stripeY) * 2 * Math.PI / texture.Period + obj.StripePhase;
                    colour = Rgb.Lerp(dark, light, 0.5 + 0.5 * Math.Sin(t));
                }
                else
                {
                    continue;
                }

                pixels[y * size + x] = colour;
                mask[y * size + x] = true;
                xMin = Math.Min(xMin, x);
                yMin = Math.Min(yMin, y);
                xMax = Math.Max(xMax, x);
                yMax = Math.Max(yMax, y);
            }
        }
        if (xMax < 0)
            throw new InvalidOperationException("The synthetic object covers no pixel.");

        var rgb = new byte[size * size * 3];
        for (int i = 0; i < pixels.Length; i++)
        {
            rgb[3 * i] = Rgb.ToByte(pixels[i].R);
            rgb[3 * i + 1] = Rgb.ToByte(pixels[i].G);
            rgb[3 * i + 2] = Rgb.ToByte(pixels[i].B);
        }
        return new Result(rgb, mask, new PixelBox(xMin, yMin, xMax, yMax));
    }

    /// <summary>
    /// A grey, slightly tinted background with soft blobs, thin lines and pixel noise, all low-contrast and
    /// unstriped, so that it distracts without looking like any class.
    /// </summary>
    private static Rgb[] Background(int size, double clutter, Random rng)
    {
        double level = 90 + 80 * rng.NextDouble();
        var baseColour = Rgb.Grey(level) + new Rgb(Symmetric(rng, 12), Symmetric(rng, 12), Symmetric(rng, 12));
        var pixels = new Rgb[size * size];
        Array.Fill(pixels, baseColour);
        if (clutter <= 0)
            return pixels;

        int blobs = (int)Math.Round(clutter * (6 + rng.Next(9)));
        for (int i = 0; i < blobs; i++)
        {
            double cx = size * rng.NextDouble(), cy = size * rng.NextDouble();
            double rx = 3 + (size / 4.0 - 3) * rng.NextDouble(), ry = 3 + (size / 4.0 - 3) * rng.NextDouble();
            var shift = RandomShift(rng, 60 * clutter);
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    double dx = (x - cx) / rx, dy = (y - cy) / ry;
                    double weight = 1 - (dx * dx + dy * dy); // soft edge: fades to nothing at the rim
                    if (weight > 0)
                        pixels[y * size + x] += shift * weight;
                }
            }
        }

        int lines = (int)Math.Round(clutter * (2 + rng.Next(5)));
        for (int i = 0; i < lines; i++)
        {
            double x0 = size * rng.NextDouble(), y0 = size * rng.NextDouble();
            double x1 = size * rng.NextDouble(), y1 = size * rng.NextDouble();
            var shift = RandomShift(rng, 50 * clutter);
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    if (DistanceToSegment(x, y, x0, y0, x1, y1) <= 0.6)
                        pixels[y * size + x] += shift;
                }
            }
        }

        double sigma = 10 * clutter;
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] += new Rgb(Noise(rng, sigma), Noise(rng, sigma), Noise(rng, sigma));
        return pixels;
    }

    private static Rgb RandomShift(Random rng, double amplitude) =>
        new(Symmetric(rng, amplitude), Symmetric(rng, amplitude), Symmetric(rng, amplitude));

    private static double Symmetric(Random rng, double amplitude) => (2 * rng.NextDouble() - 1) * amplitude;

    /// <summary>Roughly normal noise (sum of three uniforms, variance matched) without a transcendental call per pixel.</summary>
    private static double Noise(Random rng, double sigma) =>
        (rng.NextDouble() + rng.NextDouble() + rng.NextDouble() - 1.5) * 2 * sigma;

    private static double DistanceToSegment(double x, double y, double x0, double y0, double x1, double y1)
    {
        double dx = x1 - x0, dy = y1 - y0;
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : Math.Clamp(((x - x0) * dx + (y - y0) * dy) / lengthSquared, 0, 1);
        double px = x0 + t * dx - x, py = y0 + t * dy - y;
        return Math.Sqrt(px * px + py * py);
    }
}
