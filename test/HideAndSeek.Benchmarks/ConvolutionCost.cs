using HideAndSeek.Networks;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// Multiply-accumulates of SmallAlexNetGap's forward pass, counted from the architecture (the layer table in
/// SmallAlexNetGap.cs) with the same TF output-size rules the network uses. Only convolutions and the classifier
/// count; ReLU, BatchNorm and pooling are a few per cent of the arithmetic and are left out, as usual.
/// </summary>
internal static class ConvolutionCost
{
    /// <summary>Forward MACs for one <paramref name="side"/> x <paramref name="side"/> image.</summary>
    public static long SmallAlexNetGapForwardMacs(double width, int side = 64, int classes = 10)
    {
        var options = new GapNetworkOptions { NumClasses = classes, WidthMultiplier = width };
        int c1 = options.Channels(96), c2 = options.Channels(256), c3 = options.Channels(384),
            c4 = options.Channels(384), c5 = options.Channels(256), c6 = options.Channels(512);
        long macs = 0;
        int s = TfSamePadding.OutputSize(side, 5, 2, TfPadding.Valid);                 // conv1 5x5/2 VALID
        macs += Conv(3, c1, 5, s);
        s = TfSamePadding.OutputSize(s, 3, 2, TfPadding.Same);                          // pool1
        macs += Conv(c1, c2, 3, s);                                                     // conv2
        s = TfSamePadding.OutputSize(s, 3, 2, TfPadding.Same);                          // pool2
        macs += Conv(c2, c3, 3, s) + Conv(c3, c4, 3, s) + Conv(c4, c5, 3, s) + Conv(c5, c6, 3, s); // conv3..conv6
        macs += (long)c6 * classes;                                                     // classifier (GAP in between)
        return macs;
    }

    /// <summary>Training FLOP per image: forward MACs x 2 FLOP, x 3 for forward + backward (input and weight gradients).</summary>
    public static double TrainingFlopPerImage(long forwardMacs) => forwardMacs * 2.0 * 3.0;

    private static long Conv(int inChannels, int outChannels, int kernel, int outputSide) =>
        (long)outputSide * outputSide * outChannels * inChannels * kernel * kernel;
}
