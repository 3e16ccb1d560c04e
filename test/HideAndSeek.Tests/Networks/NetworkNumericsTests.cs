using HideAndSeek.Networks;
using TorchSharp;
using Xunit.Abstractions;
using static HideAndSeek.Tests.Networks.NetworkTestSupport;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Networks;

/// <summary>
/// Every network's float32 feature map against the same network computed in float64 (libtorch's float64
/// convolution is its own direct kernel, not oneDNN's), at a width whose channel counts are not multiples of 8 or 16,
/// with a batch of one and of three. A path that is merely consistent (batched = single = reloaded) can still be
/// wrong everywhere; this one is checked against numbers computed another way.
/// </summary>
public class NetworkNumericsTests(ITestOutputHelper output)
{
    // 0.1 gives e.g. SmallAlexNetGap 10, 26, 38, 38, 26, 51 channels: past one AVX2 block (8) and one AVX-512 block (16)
    // without filling whole blocks, where libtorch's NCHW convolutions go wrong.
    private const double AwkwardWidth = 0.1;

    [Theory]
    [InlineData(GapArchitecture.SmallAlexNetGap, false)]
    [InlineData(GapArchitecture.AlexNetGap, false)]
    [InlineData(GapArchitecture.AlexNetGap, true)]
    [InlineData(GapArchitecture.AlexNetGmp, false)]
    [InlineData(GapArchitecture.DropAlexNetGap, false)]
    [InlineData(GapArchitecture.Drop2AlexNetGap, false)]
    [InlineData(GapArchitecture.GoogLeNetGap, false)]
    [InlineData(GapArchitecture.CustomNetGap, false)]
    internal void Float32_feature_map_matches_the_float64_network(GapArchitecture architecture, bool withoutResize)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var net = Create(architecture, AwkwardWidth, withoutResize: withoutResize);
        using var reference = Create(architecture, AwkwardWidth, withoutResize: withoutResize);
        reference.load_state_dict(net.state_dict());
        reference.to(ScalarType.Float64);
        net.eval();
        reference.eval();

        foreach (int batch in new[] { 1, 3 })
        {
            var pixels = Pixels(batch, 64, 64, seed: (ulong)(7 + batch));
            var f = net.FeatureMap(pixels);
            var expected = reference.FeatureMap(pixels.to(ScalarType.Float64));
            double scale = expected.abs().max().item<double>();
            double error = f.to(ScalarType.Float64).sub(expected).abs().max().item<double>();
            bool finite = f.isfinite().all().item<bool>();
            output.WriteLine($"{architecture}{(withoutResize ? " without resize" : "")} batch {batch}: F [{string.Join(", ", f.shape)}], " +
                             $"max |F| {scale:G4}, max error {error:G3}");
            Assert.True(finite, "the float32 feature map is not finite");
            Assert.True(scale > 0, "the reference feature map is all zeros: the check would prove nothing");
            Assert.True(error <= 1e-4 * scale, $"batch {batch}: max error {error:G3} against max |F| {scale:G4}");
        }
    }
}
