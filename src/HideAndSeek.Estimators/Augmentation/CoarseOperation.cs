namespace HideAndSeek.Augmentation;

/// <summary>
/// The coarse operations that the seed's second pipeline picks one of per image (imgaug's <c>OneOf</c>). Each marks
/// cells of a coarse grid with probability <see cref="ImageAugmentationOptions.CoarseCellProbability"/> and changes
/// every pixel of the marked cells, in all channels alike.
/// </summary>
public enum CoarseOperation
{
    /// <summary>imgaug's <c>CoarseDropout</c>: marked pixels become 0 in every channel.</summary>
    Dropout = 0,

    /// <summary>imgaug's <c>CoarseSalt</c>: marked pixels become white-ish (see <see cref="CoarseReplacement"/>).</summary>
    Salt = 1,

    /// <summary>imgaug's <c>CoarsePepper</c>: marked pixels become black-ish (see <see cref="CoarseReplacement"/>).</summary>
    Pepper = 2,

    /// <summary>imgaug's <c>CoarseSaltAndPepper</c>: marked pixels become white-ish or black-ish (see <see cref="CoarseReplacement"/>).</summary>
    SaltAndPepper = 3,
}
