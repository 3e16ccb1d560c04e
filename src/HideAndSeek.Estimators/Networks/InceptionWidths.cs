namespace HideAndSeek.Networks;

/// <summary>Branch widths of one <see cref="InceptionModule"/>, named as in the GoogLeNet paper's table 1.</summary>
internal readonly record struct InceptionWidths(
    int Conv1x1, int Reduce3x3, int Conv3x3, int Reduce5x5, int Conv5x5, int PoolProjection)
{
    /// <summary>Channels of the concatenated output.</summary>
    public int OutChannels => Conv1x1 + Conv3x3 + Conv5x5 + PoolProjection;

    /// <summary>Every width scaled by <see cref="GapNetworkOptions.Channels"/>.</summary>
    public InceptionWidths Scale(GapNetworkOptions options) => new(
        options.Channels(Conv1x1), options.Channels(Reduce3x3), options.Channels(Conv3x3),
        options.Channels(Reduce5x5), options.Channels(Conv5x5), options.Channels(PoolProjection));
}
