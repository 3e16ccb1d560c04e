using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.GapClassifier;

/// <summary>
/// Stochastic gradient descent with momentum, dampening, weight decay and Nesterov momentum, per parameter group: the
/// update of <c>torch.optim.SGD</c> (PyTorch and TorchSharp), step for step. Per parameter p with gradient g:
/// g += weight_decay * p; buf = g on the first step, else buf = momentum * buf + (1 - dampening) * g;
/// g = g + momentum * buf with Nesterov, else buf; p -= lr * g.
/// </summary>
/// <remarks>
/// TorchSharp's own SGD passes libtorch implicit Scalar temporaries (-lr, momentum, weight decay) on every step; the
/// garbage collector may free one while libtorch reads it, and a long training then crashes at random. Here every
/// Scalar is held in a variable for the whole call. The state reads and writes the byte layout of TorchSharp's SGD
/// (<c>save_state_dict</c>), so checkpoints written before this type existed still resume.
/// </remarks>
internal sealed class MomentumSgd : IDisposable
{
    // The optimizer name TorchSharp writes first; kept so checkpoints of either implementation load in the other.
    private const string StateName = "SGD";

    private readonly List<ParameterGroup> _groups;
    private readonly Tensor?[][] _momentumBuffers;
    private bool _disposed;

    /// <summary>Creates the optimiser over <paramref name="groups"/> (a parameter belongs to one group).</summary>
    public MomentumSgd(IEnumerable<ParameterGroup> groups)
    {
        _groups = groups.ToList();
        foreach (var g in _groups)
        {
            if (g.LearningRate < 0 || g.Momentum < 0 || g.WeightDecay < 0)
                throw new ArgumentException($"Learning rate, momentum and weight decay must not be negative (got {g.LearningRate}, {g.Momentum}, {g.WeightDecay}).");
            if (g.Nesterov && (g.Momentum <= 0 || g.Dampening != 0))
                throw new ArgumentException("Nesterov momentum needs a positive momentum and no dampening.");
        }
        _momentumBuffers = _groups.Select(g => new Tensor?[g.Parameters.Count]).ToArray();
    }

    /// <summary>The parameter groups, in the order given; their learning rates may be changed between steps.</summary>
    public IReadOnlyList<ParameterGroup> Groups => _groups;

    /// <summary>Zeroes the gradient of every parameter that has one.</summary>
    public void ZeroGrad()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var p in _groups.SelectMany(g => g.Parameters))
        {
            using var grad = p.grad;
            grad?.zero_();
        }
    }

    /// <summary>One update of every parameter with a gradient.</summary>
    public void Step()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (int gi = 0; gi < _groups.Count; gi++)
        {
            var group = _groups[gi];
            using var descent = (-group.LearningRate).ToScalar();
            using var decay = group.WeightDecay.ToScalar();
            using var momentum = group.Momentum.ToScalar();
            using var undamped = (1 - group.Dampening).ToScalar();
            for (int pi = 0; pi < group.Parameters.Count; pi++)
            {
                var p = group.Parameters[pi];
                var grad = p.grad;
                if (grad is null)
                    continue;
                if (group.WeightDecay != 0)
                    grad = grad.add(p, decay);
                if (group.Momentum != 0)
                {
                    var buffer = _momentumBuffers[gi][pi];
                    if (buffer is null)
                        _momentumBuffers[gi][pi] = buffer = grad.clone().detach().DetachFromDisposeScope();
                    else
                        buffer.mul_(momentum).add_(grad, undamped);
                    grad = group.Nesterov ? grad.add(buffer, momentum) : buffer;
                }
                p.add_(grad, descent);
            }
        }
    }

    /// <summary>Writes the groups' settings and the momentum buffers (TorchSharp SGD's layout).</summary>
    public void Save(BinaryWriter writer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        writer.Write(StateName);
        WriteCount(writer, _groups.Count);
        WriteCount(writer, _groups.Sum(g => g.Parameters.Count));
        foreach (var g in _groups)
        {
            writer.Write(g.InitialLearningRate);
            writer.Write(g.LearningRate);
            writer.Write(g.Momentum);
            writer.Write(g.Dampening);
            writer.Write(g.WeightDecay);
            writer.Write(g.Nesterov);
            writer.Write(false); // maximize: this optimiser always minimises
        }
        foreach (var buffer in _momentumBuffers.SelectMany(b => b))
        {
            writer.Write(buffer is not null);
            buffer?.Save(writer);
        }
    }

    /// <summary>Reads what <see cref="Save"/> (or TorchSharp's SGD) wrote for the same groups.</summary>
    /// <exception cref="InvalidDataException">The state is another optimiser's or has other groups or parameters.</exception>
    public void Load(BinaryReader reader)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        string name = reader.ReadString();
        if (name != StateName)
            throw new InvalidDataException($"The optimiser state is a {name}'s, not momentum SGD's.");
        long groups = ReadCount(reader), parameters = ReadCount(reader);
        long expected = _groups.Sum(g => g.Parameters.Count);
        if (groups != _groups.Count || parameters != expected)
        {
            throw new InvalidDataException(
                $"The optimiser state has {groups} parameter groups with {parameters} parameters; this network has {_groups.Count} with {expected}.");
        }
        foreach (var g in _groups)
        {
            g.InitialLearningRate = reader.ReadDouble();
            g.LearningRate = reader.ReadDouble();
            g.Momentum = reader.ReadDouble();
            g.Dampening = reader.ReadDouble();
            g.WeightDecay = reader.ReadDouble();
            g.Nesterov = reader.ReadBoolean();
            if (reader.ReadBoolean())
                throw new InvalidDataException("The optimiser state maximises its objective; momentum SGD here minimises.");
        }
        for (int gi = 0; gi < _groups.Count; gi++)
        {
            for (int pi = 0; pi < _groups[gi].Parameters.Count; pi++)
            {
                _momentumBuffers[gi][pi]?.Dispose();
                _momentumBuffers[gi][pi] = null;
                if (!reader.ReadBoolean())
                    continue;
                Tensor? loaded = null;
                TensorExtensionMethods.Load(ref loaded, reader);
                var parameter = _groups[gi].Parameters[pi];
                if (!loaded!.shape.SequenceEqual(parameter.shape))
                {
                    throw new InvalidDataException(
                        $"The momentum of parameter {pi} of group {gi} has shape [{string.Join(", ", loaded.shape)}]; the parameter has [{string.Join(", ", parameter.shape)}].");
                }
                _momentumBuffers[gi][pi] = loaded.to(parameter.device, disposeAfter: true).DetachFromDisposeScope();
            }
        }
    }

    /// <summary>Releases the momentum buffers (not the parameters, which belong to the network).</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var buffer in _momentumBuffers.SelectMany(b => b))
            buffer?.Dispose();
    }

    // Counts as TorchSharp writes them: unsigned LEB128, seven bits a byte, low bits first.
    private static void WriteCount(BinaryWriter writer, long value)
    {
        do
        {
            byte low = (byte)(value & 0x7f);
            value >>= 7;
            writer.Write(value == 0 ? low : (byte)(low | 0x80));
        }
        while (value != 0);
    }

    private static long ReadCount(BinaryReader reader)
    {
        long result = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = reader.ReadByte();
            if (shift > 56)
                throw new InvalidDataException("The optimiser state holds a malformed count.");
            result |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
                return result;
        }
    }

    /// <summary>Parameters updated with one set of settings.</summary>
    internal sealed class ParameterGroup
    {
        /// <param name="parameters">The group's parameters.</param>
        /// <param name="learningRate">Step size.</param>
        /// <param name="momentum">Momentum factor (0: plain SGD).</param>
        /// <param name="weightDecay">L2 penalty added to the gradient.</param>
        /// <param name="dampening">Dampening of the momentum.</param>
        /// <param name="nesterov">Nesterov momentum.</param>
        public ParameterGroup(IEnumerable<Parameter> parameters, double learningRate, double momentum, double weightDecay,
            double dampening = 0, bool nesterov = false)
        {
            Parameters = parameters.ToList();
            LearningRate = InitialLearningRate = learningRate;
            Momentum = momentum;
            WeightDecay = weightDecay;
            Dampening = dampening;
            Nesterov = nesterov;
        }

        /// <summary>The parameters, in a fixed order (the order of the saved momentum buffers).</summary>
        public IReadOnlyList<Parameter> Parameters { get; }

        /// <summary>The current step size.</summary>
        public double LearningRate { get; set; }

        /// <summary>The step size the group was created with.</summary>
        public double InitialLearningRate { get; internal set; }

        /// <summary>Momentum factor.</summary>
        public double Momentum { get; internal set; }

        /// <summary>Dampening of the momentum.</summary>
        public double Dampening { get; internal set; }

        /// <summary>L2 penalty.</summary>
        public double WeightDecay { get; internal set; }

        /// <summary>Nesterov momentum.</summary>
        public bool Nesterov { get; internal set; }
    }
}
