using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>
/// The seed's initialisation: Xavier-uniform (Glorot) weights for convolutions and linear layers, zero biases,
/// BatchNorm scale 1 and shift 0.
/// </summary>
internal static class WeightInit
{
    /// <summary>Re-initialises every convolution, linear and BatchNorm layer in <paramref name="root"/>.</summary>
    /// <param name="root">The module tree.</param>
    /// <param name="generator">Random source; null uses torch's global generator.</param>
    public static void Apply(nn.Module root, Generator? generator = null)
    {
        using var noGrad = no_grad();
        foreach (var module in root.modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    XavierUniform(conv.weight!, generator);
                    Fill(conv.bias, 0);
                    break;
                case Linear linear:
                    XavierUniform(linear.weight!, generator);
                    Fill(linear.bias, 0);
                    break;
                case BatchNorm2dLayer bn:
                    Fill(bn.Weight, 1);
                    Fill(bn.Bias, 0);
                    break;
            }
        }
    }

    /// <summary>
    /// U(-a, a) with a = sqrt(6 / (fan_in + fan_out)); for a weight [out, in, kh, kw] fan_in = in * kh * kw and
    /// fan_out = out * kh * kw, the same fans TensorFlow's xavier_initializer uses for [kh, kw, in, out].
    /// Written here rather than calling nn.init.xavier_uniform_ because that one cannot take a generator.
    /// </summary>
    public static void XavierUniform(Tensor weight, Generator? generator = null)
    {
        if (weight.dim() < 2)
            throw new ArgumentException("Xavier initialisation needs a weight of at least two dimensions.", nameof(weight));
        long receptive = 1;
        for (int d = 2; d < weight.dim(); d++)
            receptive *= weight.shape[d];
        long fanIn = weight.shape[1] * receptive;
        long fanOut = weight.shape[0] * receptive;
        double bound = Math.Sqrt(6.0 / (fanIn + fanOut));
        using var noGrad = no_grad();
        DisposeIfNew(weight, weight.uniform_(-bound, bound, generator));
    }

    private static void Fill(Tensor? tensor, double value)
    {
        if (tensor is null)
            return;
        // An explicit Scalar kept alive by using: the implicit double -> Scalar conversion makes a temporary whose
        // finalizer can free the native scalar while fill_ still reads it (a CI run failed here with a garbage Scalar).
        using var scalar = value.ToScalar();
        DisposeIfNew(tensor, tensor.fill_(scalar));
    }

    /// <summary>
    /// Some TorchSharp in-place methods return the tensor itself, others a second handle to it (zero_ does in 0.107):
    /// release only a second handle.
    /// </summary>
    private static void DisposeIfNew(Tensor target, Tensor result)
    {
        if (!ReferenceEquals(target, result))
            result.Dispose();
    }
}
