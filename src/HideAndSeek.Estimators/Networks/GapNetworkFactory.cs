namespace HideAndSeek.Networks;

/// <summary>
/// Every <see cref="GapArchitecture"/> in one table: how its network is built and the training defaults that differ
/// between architectures. A new network is a member of <see cref="GapArchitecture"/>, its class, and its row here
/// (docs/architecture.md, "Adding a network").
/// </summary>
internal static class GapNetworkFactory
{
    /// <summary>Weight decay of the networks trained from scratch, when the options give none.</summary>
    private const double DefaultWeightDecay = 0.001;

    /// <summary>Weight decay of a pretrained network when none is given.</summary>
    private const double PretrainedWeightDecay = 1e-4;

    /// <param name="Create">A freshly initialised network of the architecture.</param>
    /// <param name="WeightDecay">L2 on the weights when the options give none.</param>
    /// <param name="Pretrained">Starts from imported weights (GapClassifier/FineTuning imports them).</param>
    private sealed record Entry(Func<GapArchitecture, GapNetworkOptions, GapNetwork> Create, double WeightDecay = DefaultWeightDecay,
        bool Pretrained = false);

    private static readonly Dictionary<GapArchitecture, Entry> Entries = new()
    {
        [GapArchitecture.SmallAlexNetGap] = new((a, o) => new SmallAlexNetGap(o, a)),
        [GapArchitecture.SmallAlexNetGap16] = new((a, o) => new SmallAlexNetGap(o, a)),
        [GapArchitecture.AlexNetGap] = new((a, o) => new AlexNetGap(a, o)),
        [GapArchitecture.AlexNetGmp] = new((a, o) => new AlexNetGap(a, o)),
        [GapArchitecture.DropAlexNetGap] = new((a, o) => new AlexNetGap(a, o)),
        [GapArchitecture.Drop2AlexNetGap] = new((a, o) => new AlexNetGap(a, o)),
        [GapArchitecture.GoogLeNetGap] = new((_, o) => new GoogLeNetGap(o), WeightDecay: 0),
        [GapArchitecture.CustomNetGap] = new((_, o) => new CustomNetGap(o)),
        [GapArchitecture.ResNet18] = new((_, o) => new ResNet18Gap(o), PretrainedWeightDecay, Pretrained: true),
    };

    /// <summary>A freshly initialised network (Xavier-uniform weights, zero biases) in training mode.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown architecture or an invalid option.</exception>
    public static GapNetwork Create(GapArchitecture architecture, GapNetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Of(architecture).Create(architecture, options);
    }

    /// <summary>The architecture's weight decay when the options give none.</summary>
    public static double WeightDecay(GapArchitecture architecture) => Of(architecture).WeightDecay;

    /// <summary>Whether the architecture starts from imported weights.</summary>
    public static bool IsPretrained(GapArchitecture architecture) => Of(architecture).Pretrained;

    private static Entry Of(GapArchitecture architecture) => Entries.TryGetValue(architecture, out var entry)
        ? entry
        : throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture.");
}
