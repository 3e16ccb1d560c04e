namespace HideAndSeek.Networks;

/// <summary>
/// Zero (or -inf, for max pooling) padding given per side, as ONNX writes it: pads = [top, left, bottom, right].
/// The imported ResNet18 pads more before than after (its strided layers use [1, 1, 0, 0]), the reverse of TensorFlow
/// SAME, so these pads are modelled as they are instead of through <see cref="TfSamePadding"/>.
/// </summary>
internal readonly record struct ExplicitPadding(int Top, int Left, int Bottom, int Right)
{
    /// <summary>The same padding on every side.</summary>
    public static ExplicitPadding Uniform(int pad) => new(pad, pad, pad, pad);

    /// <summary>From ONNX's pads attribute of a 2-D operator: [top, left, bottom, right] (all four required).</summary>
    public static ExplicitPadding FromOnnx(IReadOnlyList<long> pads)
    {
        ArgumentNullException.ThrowIfNull(pads);
        if (pads.Count != 4 || pads.Any(p => p < 0 || p > int.MaxValue))
            throw new ArgumentException($"Expected four non-negative 2-D pads, got [{string.Join(", ", pads)}].", nameof(pads));
        return new((int)pads[0], (int)pads[1], (int)pads[2], (int)pads[3]);
    }

    /// <summary>True when top = bottom and left = right, which libtorch's own padding argument can express.</summary>
    public bool IsSymmetric => Top == Bottom && Left == Right;

    /// <summary>The output side of a window of <paramref name="kernel"/> and <paramref name="stride"/> over
    /// <paramref name="input"/> pixels padded with <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static int OutputSize(int input, int kernel, int stride, int before, int after) =>
        (input + before + after - kernel) / stride + 1;

    /// <summary>nn.functional.pad's order for the last two dimensions: left, right, top, bottom.</summary>
    public long[] ForFunctionalPad() => new long[] { Left, Right, Top, Bottom };

    public override string ToString() => $"[{Top}, {Left}, {Bottom}, {Right}]";
}
