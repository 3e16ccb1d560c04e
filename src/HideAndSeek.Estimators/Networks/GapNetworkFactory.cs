namespace HideAndSeek.Networks;

/// <summary>Builds the network of a <see cref="GapArchitecture"/>.</summary>
internal static class GapNetworkFactory
{
    /// <summary>A freshly initialised network (Xavier-uniform weights, zero biases) in training mode.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown architecture or an invalid option.</exception>
    public static GapNetwork Create(GapArchitecture architecture, GapNetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return architecture switch
        {
            GapArchitecture.SmallAlexNetGap or GapArchitecture.SmallAlexNetGap16 => new SmallAlexNetGap(options, architecture),
            GapArchitecture.AlexNetGap or GapArchitecture.AlexNetGmp or GapArchitecture.DropAlexNetGap
                or GapArchitecture.Drop2AlexNetGap => new AlexNetGap(architecture, options),
            GapArchitecture.GoogLeNetGap => new GoogLeNetGap(options),
            GapArchitecture.CustomNetGap => new CustomNetGap(options),
            GapArchitecture.ResNet18 => new ResNet18Gap(options),
            _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture."),
        };
    }
}
