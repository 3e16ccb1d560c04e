namespace HideAndSeek.Networks;

/// <summary>
/// Output sizes and pads of TensorFlow's padding schemes. TF 'SAME' pads asymmetrically (the extra pixel goes after),
/// which PyTorch's symmetric padding cannot express, so the layers pad explicitly with these numbers.
/// </summary>
internal static class TfSamePadding
{
    /// <summary>The output side of a window of size <paramref name="kernel"/> and stride <paramref name="stride"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive argument, or VALID with an input smaller than the kernel.</exception>
    public static int OutputSize(int input, int kernel, int stride, TfPadding padding)
    {
        CheckPositive(input, kernel, stride);
        if (padding == TfPadding.Same)
            return (input + stride - 1) / stride;
        if (input < kernel)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input,
                $"A VALID window of size {kernel} does not fit an input of size {input}.");
        }
        return (input - kernel) / stride + 1;
    }

    /// <summary>
    /// TF 'SAME' pads for one axis: total = max((ceil(in / s) - 1) * s + k - in, 0), before = total / 2, after = the rest.
    /// </summary>
    public static (int Before, int After) Pads(int input, int kernel, int stride)
    {
        CheckPositive(input, kernel, stride);
        int output = (input + stride - 1) / stride;
        int total = Math.Max((output - 1) * stride + kernel - input, 0);
        return (total / 2, total - total / 2);
    }

    private static void CheckPositive(int input, int kernel, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
    }
}
