using TorchSharp;
using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// Square max pooling with TensorFlow's padding: VALID, or SAME with the asymmetric pads of
/// <see cref="TfSamePadding.Pads"/> filled with -inf (so a padded position never wins).
/// </summary>
internal sealed class TfMaxPool2d : nn.Module<Tensor, Tensor>
{
    private readonly int kernel;
    private readonly int stride;
    private readonly TfPadding padding;

    public TfMaxPool2d(int kernel, int stride, TfPadding padding) : base(nameof(TfMaxPool2d))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        RegisterComponents();
    }

    /// <summary>The output side for an input side, as TensorFlow computes it.</summary>
    public int OutputSize(int input) => TfSamePadding.OutputSize(input, kernel, stride, padding);

    public override Tensor forward(Tensor x)
    {
        if (padding == TfPadding.Valid)
            return nn.functional.max_pool2d(x, kernel, stride);

        var (top, bottom) = TfSamePadding.Pads((int)x.shape[2], kernel, stride);
        var (left, right) = TfSamePadding.Pads((int)x.shape[3], kernel, stride);
        // libtorch's own padding is symmetric, -inf filled and at most k/2: use it when it says the same thing,
        // which saves a copy (the inception pools and every stride-1 pool take this path).
        if (top == bottom && left == right && top <= kernel / 2 && left <= kernel / 2)
        {
            return nn.functional.max_pool2d(x, new long[] { kernel, kernel }, new long[] { stride, stride },
                new long[] { top, left });
        }
        using var padded = nn.functional.pad(x, new long[] { left, right, top, bottom }, PaddingModes.Constant,
            double.NegativeInfinity);
        return nn.functional.max_pool2d(padded, kernel, stride);
    }
}
