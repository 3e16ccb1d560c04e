using HideAndSeek.GapClassifier;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.GapClassifier;

/// <summary>
/// The trainer's optimiser against <c>torch.optim.SGD</c>: the same parameters after many steps (momentum, dampening,
/// weight decay, Nesterov, several groups, a parameter without gradient), and state that each can read from the other.
/// </summary>
public class MomentumSgdTests
{
    private const int Steps = 60;

    public static TheoryData<double, double, double, bool> Settings => new()
    {
        { 0.9, 0, 0.001, false },  // the trainer's setting
        { 0.9, 0, 0.01, true },    // Nesterov
        { 0.5, 0.3, 0.05, false }, // dampening
        { 0, 0, 0.01, false },     // no momentum
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Many_steps_give_the_parameters_torch_optim_SGD_gives(double momentum, double dampening, double decay, bool nesterov)
    {
        var (ours, oursParameters) = Problem(seed: 3);
        var (theirs, theirsParameters) = Problem(seed: 3);
        using var sgd = new MomentumSgd(new[]
        {
            new MomentumSgd.ParameterGroup(oursParameters.Take(2), 0.05, momentum, decay, dampening, nesterov),
            new MomentumSgd.ParameterGroup(oursParameters.Skip(2), 0.02, momentum, 0, dampening, nesterov),
        });
        using var reference = optim.SGD(new[]
        {
            new SGD.ParamGroup(theirsParameters.Take(2), 0.05, momentum, dampening, decay, nesterov),
            new SGD.ParamGroup(theirsParameters.Skip(2), 0.02, momentum, dampening, 0, nesterov),
        }, 0.05);

        for (int step = 0; step < Steps; step++)
        {
            double rate = 0.05 * (1 - step / (double)Steps); // a decaying rate, as the trainer's schedule sets it
            sgd.Groups[0].LearningRate = rate;
            reference.ParamGroups.First().LearningRate = rate;
            Backward(ours, step, sgd.ZeroGrad);
            sgd.Step();
            Backward(theirs, step, reference.zero_grad);
            reference.step();
        }

        for (int i = 0; i < oursParameters.Count; i++)
        {
            var expected = theirsParameters[i].data<float>().ToArray();
            var actual = oursParameters[i].data<float>().ToArray();
            for (int j = 0; j < expected.Length; j++)
                Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-6f * (1 + Math.Abs(expected[j])), $"parameter {i}[{j}]: {actual[j]} vs {expected[j]}");
        }
        Assert.NotEqual(Initial(3)[0], oursParameters[0].data<float>().ToArray());
    }

    [Fact]
    public void State_written_by_either_optimiser_resumes_in_the_other_with_the_same_next_steps()
    {
        var (a, aParameters) = Problem(seed: 5);
        using var reference = optim.SGD(new[] { new SGD.ParamGroup(aParameters, 0.03, 0.9, 0, 0.001) }, 0.03);
        for (int step = 0; step < 5; step++)
        {
            Backward(a, step, reference.zero_grad);
            reference.step();
        }
        var written = Write(reference.save_state_dict);

        // TorchSharp's state into ours, and ours back into TorchSharp's: the bytes survive both ways.
        var (b, bParameters) = Problem(seed: 5);
        Copy(aParameters, bParameters);
        using var sgd = new MomentumSgd(new[] { new MomentumSgd.ParameterGroup(bParameters, 0.5, 0.1, 0) });
        using (var reader = new BinaryReader(new MemoryStream(written)))
            sgd.Load(reader);
        Assert.Equal(0.03, sgd.Groups[0].LearningRate);
        Assert.Equal(0.9, sgd.Groups[0].Momentum);
        Assert.Equal(written, Write(sgd.Save));

        for (int step = 5; step < 10; step++)
        {
            Backward(a, step, reference.zero_grad);
            reference.step();
            Backward(b, step, sgd.ZeroGrad);
            sgd.Step();
        }
        for (int i = 0; i < aParameters.Count; i++)
            Assert.Equal(aParameters[i].data<float>().ToArray(), bParameters[i].data<float>().ToArray());
    }

    [Fact]
    public void State_of_other_parameters_is_refused_with_the_counts()
    {
        var (_, parameters) = Problem(seed: 1);
        using var two = new MomentumSgd(new[] { new MomentumSgd.ParameterGroup(parameters, 0.1, 0.9, 0) });
        using var one = new MomentumSgd(new[] { new MomentumSgd.ParameterGroup(parameters.Take(1), 0.1, 0.9, 0) });
        var written = Write(two.Save);
        var error = Assert.Throws<InvalidDataException>(() => one.Load(new BinaryReader(new MemoryStream(written))));
        Assert.Contains("1 parameter groups with 4 parameters", error.Message);
    }

    [Fact]
    public void A_disposed_optimiser_says_so()
    {
        var (_, parameters) = Problem(seed: 1);
        var sgd = new MomentumSgd(new[] { new MomentumSgd.ParameterGroup(parameters, 0.1, 0.9, 0) });
        sgd.Dispose();
        sgd.Dispose();
        Assert.Throws<ObjectDisposedException>(sgd.Step);
    }

    /// <summary>A small least-squares problem with four parameters of awkward sizes; the last one gets no gradient.</summary>
    private static (Func<int, Tensor> Loss, List<Parameter> Parameters) Problem(int seed)
    {
        var parameters = Initial(seed).Select((values, i) => new Parameter(tensor(values).reshape(Shapes[i]))).ToList();
        Tensor Loss(int step)
        {
            using var generator = new Generator((ulong)(seed * 1000 + step));
            var x = randn(new long[] { 5, 7 }, generator: generator);
            var y = randn(new long[] { 5, 3 }, generator: generator);
            using var hidden = x.matmul(parameters[0]);
            using var shifted = hidden.add(parameters[1], ConstantOne);
            using var output = shifted.matmul(parameters[2]);
            using var error = output.sub(y);
            return error.mul(error).mean();
        }
        return (Loss, parameters);
    }

    private static readonly Scalar ConstantOne = 1L.ToScalar();

    private static readonly long[][] Shapes = { new long[] { 7, 11 }, new long[] { 11 }, new long[] { 11, 3 }, new long[] { 2 } };

    private static float[][] Initial(int seed)
    {
        var random = new Random(seed);
        return Shapes.Select(s => Enumerable.Range(0, (int)s.Aggregate(1L, (a, b) => a * b))
            .Select(_ => (float)(random.NextDouble() - 0.5)).ToArray()).ToArray();
    }

    private static void Backward(Func<int, Tensor> loss, int step, Action zeroGrad)
    {
        using var scope = NewDisposeScope();
        zeroGrad();
        loss(step).backward();
    }

    private static void Copy(List<Parameter> from, List<Parameter> to)
    {
        using var noGrad = no_grad();
        for (int i = 0; i < from.Count; i++)
            to[i].copy_(from[i]);
    }

    private static byte[] Write(Action<BinaryWriter> save)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            save(writer);
        return stream.ToArray();
    }
}
