namespace HideAndSeek.Torch;

/// <summary>
/// A direct 2-D convolution in float64 written out in C#: the yardstick libtorch's convolutions are checked against
/// (start-up self-check and tests). Independent of libtorch by construction; slow, so for small sizes only.
/// </summary>
internal static class ReferenceConvolution
{
    /// <summary>
    /// y[n, o, i, j] = bias[o] + sum over c, u, v of x[n, c, i*s - pad + u, j*s - pad + v] * w[o, c, u, v], zero outside
    /// the image. <paramref name="x"/> is [N, C, H, W] and <paramref name="w"/> [O, C, K, K], both NCHW row-major.
    /// </summary>
    public static double[] Compute(float[] x, int n, int c, int h, int w, float[] weight, int outChannels, int kernel,
        float[]? bias, int stride, int padding, out int outH, out int outW)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        if (x.Length != n * c * h * w || weight.Length != outChannels * c * kernel * kernel)
            throw new ArgumentException("The buffers do not match the shapes.");
        int oh = (h + 2 * padding - kernel) / stride + 1, ow = (w + 2 * padding - kernel) / stride + 1;
        outH = oh;
        outW = ow;
        var y = new double[n * outChannels * oh * ow];
        for (int b = 0; b < n; b++)
        {
            for (int o = 0; o < outChannels; o++)
            {
                for (int i = 0; i < oh; i++)
                {
                    for (int j = 0; j < ow; j++)
                    {
                        double sum = bias?[o] ?? 0;
                        for (int ch = 0; ch < c; ch++)
                        {
                            for (int u = 0; u < kernel; u++)
                            {
                                int row = i * stride - padding + u;
                                if (row < 0 || row >= h)
                                    continue;
                                for (int v = 0; v < kernel; v++)
                                {
                                    int col = j * stride - padding + v;
                                    if (col < 0 || col >= w)
                                        continue;
                                    sum += (double)x[((b * c + ch) * h + row) * w + col] * weight[((o * c + ch) * kernel + u) * kernel + v];
                                }
                            }
                        }

                        y[((b * outChannels + o) * oh + i) * ow + j] = sum;
                    }
                }
            }
        }

        return y;
    }

    /// <summary>Deterministic values in [-1, 1] that need no random generator (the same on every machine).</summary>
    public static float[] Pattern(int length, int salt)
    {
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)Math.Sin(0.7 * i + 1.3 * salt + 0.01 * i * (i % 7));
        return values;
    }
}
