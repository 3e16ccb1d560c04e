using Microsoft.ML.Data;

namespace HideAndSeek.PixelColumns;

/// <summary>Reading ML.NET pixel vectors into plain buffers.</summary>
internal static class PixelVectors
{
    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> as dense values (sparse entries absent = 0).</summary>
    public static void CopyDense(in VBuffer<float> source, Span<float> target)
    {
        if (source.IsDense)
        {
            source.GetValues().CopyTo(target);
            return;
        }
        target.Clear();
        var indices = source.GetIndices();
        var values = source.GetValues();
        for (int i = 0; i < indices.Length; i++)
            target[indices[i]] = values[i];
    }
}
