using HideAndSeek.Randomness;

namespace HideAndSeek.Data.Synthetic;

/// <summary>
/// Derives independent seeds from the dataset seed and an image's coordinates (SplitMix64 finaliser), so that every
/// image has its own random stream and images can be rendered in any order, in parallel, with identical output.
/// </summary>
internal static class SeedMixer
{
    public static int Mix(int seed, params int[] parts)
    {
        ulong state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL);
        foreach (int part in parts)
            state = SplitMix64.Finalize(state ^ unchecked((ulong)(uint)part + 0x9E3779B97F4A7C15UL));
        return (int)(SplitMix64.Finalize(state) >> 33);
    }
}
