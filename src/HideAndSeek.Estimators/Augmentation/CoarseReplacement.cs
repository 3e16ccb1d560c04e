namespace HideAndSeek.Augmentation;

/// <summary>The values that coarse salt, pepper and salt-and-pepper write into the marked cells.</summary>
public enum CoarseReplacement
{
    /// <summary>
    /// imgaug's values: one random grey level per marked pixel (the same in every channel), rounded to an integer, with
    /// B ~ Beta(0.5, 0.5): salt 255 * (0.5 + |B - 0.5|) in [128, 255] (mean about 209), pepper
    /// 255 * (0.5 - |B - 0.5|) in [0, 128] (mean about 46), salt-and-pepper 255 * B in [0, 255], mostly near either end.
    /// Marked cells therefore look like noisy white, black or black-and-white rectangles.
    /// </summary>
    Noise = 0,

    /// <summary>
    /// Saturated values: salt sets 255, pepper sets 0, salt-and-pepper sets a whole cell to 255 or to 0 with equal
    /// probability. Simpler to reason about than imgaug's noise; not what the seed trained with.
    /// </summary>
    Saturated = 1,
}
