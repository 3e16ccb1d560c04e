using HideAndSeek.Randomness;
using HideAndSeek.TrainingOnly;
using Microsoft.ML.Data;

namespace HideAndSeek.Hiding;

/// <summary>
/// Hides grid patches of one planar C x H x W image. The grid is anchored at the top-left corner with edge patches
/// truncated; the patch side and every patch's fate are drawn from a generator seeded by (seed, epoch, row id), so a
/// given image gets the same mask in the same epoch whatever the cursor order or thread, and a new mask every epoch.
/// </summary>
internal sealed class PatchHider : ITrainingPixelOperation
{
    private readonly int[] _sizes;
    private readonly float[] _fill;
    private readonly double _probability;
    private readonly ulong _seed;

    public PatchHider(int channels, int height, int width, IReadOnlyList<int> sizes, double probability, float[] fill, int seed)
    {
        if (channels <= 0 || height <= 0 || width <= 0)
            throw new ArgumentOutOfRangeException(nameof(channels), "Image dimensions must be positive.");
        if (fill.Length != channels)
            throw new ArgumentException($"Expected {channels} fill values, got {fill.Length}.", nameof(fill));
        Channels = channels;
        Height = height;
        Width = width;
        _sizes = sizes.ToArray();
        _probability = probability;
        _fill = fill.ToArray();
        _seed = unchecked((ulong)seed);
    }

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    public int Length => Channels * Height * Width;

    void ITrainingPixelOperation.Apply(Span<float> pixels, long epoch, DataViewRowId rowId) => Apply(pixels, epoch, rowId);

    /// <summary>Hides patches of <paramref name="pixels"/> in place; returns the patch side used (0: not hidden).</summary>
    public int Apply(Span<float> pixels, long epoch, DataViewRowId rowId)
    {
        var random = new SplitMix64(Mix(_seed, unchecked((ulong)epoch), rowId.Low, rowId.High));
        int side = _sizes.Length == 1 ? _sizes[0] : _sizes[random.NextInt(_sizes.Length)];
        if (side <= 0 || _probability <= 0)
            return side;
        int plane = Height * Width;
        for (int top = 0; top < Height; top += side)
        {
            int bottom = Math.Min(Height, top + side);
            for (int left = 0; left < Width; left += side)
            {
                if (random.NextDouble() >= _probability)
                    continue;
                int span = Math.Min(Width, left + side) - left;
                for (int c = 0; c < Channels; c++)
                {
                    var channel = pixels.Slice(c * plane, plane);
                    for (int y = top; y < bottom; y++)
                        channel.Slice(y * Width + left, span).Fill(_fill[c]);
                }
            }
        }
        return side;
    }

    private static ulong Mix(ulong seed, ulong epoch, ulong low, ulong high)
    {
        ulong h = seed * 0x9E3779B97F4A7C15UL;
        h = SplitMix64.Finalize(h ^ epoch);
        h = SplitMix64.Finalize(h ^ low);
        return SplitMix64.Finalize(h ^ high);
    }
}
