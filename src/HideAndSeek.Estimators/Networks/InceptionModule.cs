using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// GoogLeNet's inception module (v1): four parallel branches on the same input, concatenated along channels in this
/// order: 1x1; 1x1 reduce -> 3x3; 1x1 reduce -> 5x5; max-pool 3x3/1 (SAME) -> 1x1 projection. Every convolution is a
/// <see cref="ConvBlock"/> with SAME padding, so the spatial size is kept.
/// </summary>
internal sealed class InceptionModule : nn.Module<Tensor, Tensor>
{
    private readonly ConvBlock branch1x1;
    private readonly ConvBlock branch3x3_reduce;
    private readonly ConvBlock branch3x3;
    private readonly ConvBlock branch5x5_reduce;
    private readonly ConvBlock branch5x5;
    private readonly TfMaxPool2d branch_pool;
    private readonly ConvBlock branch_pool_proj;

    public InceptionModule(int inChannels, InceptionWidths widths, GapNetworkOptions options)
        : base(nameof(InceptionModule))
    {
        branch1x1 = Block(inChannels, widths.Conv1x1, 1);
        branch3x3_reduce = Block(inChannels, widths.Reduce3x3, 1);
        branch3x3 = Block(widths.Reduce3x3, widths.Conv3x3, 3);
        branch5x5_reduce = Block(inChannels, widths.Reduce5x5, 1);
        branch5x5 = Block(widths.Reduce5x5, widths.Conv5x5, 5);
        branch_pool = new TfMaxPool2d(3, 1, TfPadding.Same);
        branch_pool_proj = Block(inChannels, widths.PoolProjection, 1);
        OutChannels = widths.OutChannels;
        RegisterComponents();

        ConvBlock Block(int cin, int cout, int k) => new(cin, cout, k, 1, TfPadding.Same, options);
    }

    /// <summary>Output channels: the four branch widths together.</summary>
    public int OutChannels { get; }

    public override Tensor forward(Tensor x)
    {
        using var a = branch1x1.forward(x);
        using var reduced3 = branch3x3_reduce.forward(x);
        using var b = branch3x3.forward(reduced3);
        using var reduced5 = branch5x5_reduce.forward(x);
        using var c = branch5x5.forward(reduced5);
        using var pooled = branch_pool.forward(x);
        using var d = branch_pool_proj.forward(pooled);
        return cat(new[] { a, b, c, d }, 1);
    }
}
