using HideAndSeek.GapClassifier;
using HideAndSeek.Samples;
using System.Reflection;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.NativeLifetime;

/// <summary>
/// The build-time guard for native lifetimes: no code in src/ or samples/ hands libtorch a Scalar that nothing keeps
/// alive (see <see cref="HiddenScalarScan"/>), and the scan finds every shape of the mistake.
/// </summary>
public class ScalarLifetimeTests
{
    private static readonly Assembly[] Products =
    {
        typeof(GapClassifierTrainer).Assembly,                          // src/HideAndSeek.Estimators
        typeof(HideAndSeek.Data.TinyImageNet.TinyImageNetReader).Assembly, // src/HideAndSeek.MLNet
        Assembly.Load("hideandseek"),                                   // samples/HideAndSeek.Cli
    };

    [Fact]
    public void Code_in_src_and_samples_hands_libtorch_no_Scalar_that_nothing_keeps_alive()
    {
        var scan = HiddenScalarScan.ForTorchSharp;
        var found = scan.Violations(Products)
            .Concat(scan.Violations(new[] { typeof(QuickStartExample).Assembly }, t => t.Namespace == typeof(QuickStartExample).Namespace))
            .ToList();
        Assert.True(found.Count == 0, $"{found.Count} places pass libtorch a Scalar the garbage collector may free during the call:\n" +
            string.Join("\n", found));
    }

    [Fact]
    public void The_scan_finds_implicit_conversions_unkept_explicit_Scalars_and_TorchSharps_hidden_ones()
    {
        var found = HiddenScalarScan.ForTorchSharp.Violations(new[] { typeof(Mistakes).Assembly }, t => t == typeof(Mistakes));
        Assert.Contains(found, f => f.Contains(nameof(Mistakes.Implicit)) && f.Contains("implicit conversion Double -> Scalar"));
        Assert.Contains(found, f => f.Contains(nameof(Mistakes.ExplicitButUnkept)) && f.Contains("ToScalar() passed on without a variable"));
        Assert.Contains(found, f => f.Contains(nameof(Mistakes.HiddenAlpha)) && f.Contains("add(Tensor) creates a Scalar temporary"));
        Assert.Contains(found, f => f.Contains(nameof(Mistakes.Operator)) && f.Contains("op_Addition"));
        Assert.Contains(found, f => f.Contains(nameof(Mistakes.Optimiser)) && f.Contains("makes a SGD, whose step"));
        Assert.Contains(found, f => f.Contains(nameof(Mistakes.BatchNorm)) && f.Contains("makes a BatchNorm2d, whose forward"));
        Assert.DoesNotContain(found, f => f.Contains(nameof(Mistakes.Kept)));
        Assert.Equal(6, found.Count);
    }

    [Fact]
    public void TorchSharps_own_Scalar_temporaries_are_found_in_its_IL()
    {
        var hidden = HiddenScalarScan.ForTorchSharp.HiddenScalarMethods.Select(m => $"{m.DeclaringType!.Name}.{m.Name}({string.Join(",", m.GetParameters().Select(p => p.ParameterType.Name))})").ToHashSet();
        Assert.Contains("Tensor.add(Tensor)", hidden);
        Assert.Contains("Tensor.add_(Tensor)", hidden);
        Assert.Contains("BatchNorm.forward(Tensor)", hidden);
        Assert.DoesNotContain("Tensor.add(Tensor,Scalar)", hidden);
        Assert.DoesNotContain("Tensor.mul(Scalar)", hidden);
    }

    /// <summary>Never run: compiled examples of each mistake the scan must report, and one correct use.</summary>
    private static class Mistakes
    {
        public static Tensor Implicit(Tensor t) => t.mul(0.5);

        public static Tensor ExplicitButUnkept(Tensor t) => t.mul(0.5.ToScalar());

        public static Tensor HiddenAlpha(Tensor a, Tensor b) => a.add(b);

        public static Tensor Operator(Tensor a, Tensor b) => a + b;

        public static SGD Optimiser(IEnumerable<Parameter> parameters) => optim.SGD(parameters, 0.1);

        public static BatchNorm2d BatchNorm() => nn.BatchNorm2d(4);

        public static Tensor Kept(Tensor t)
        {
            using var half = 0.5.ToScalar();
            return t.mul(half);
        }
    }
}
