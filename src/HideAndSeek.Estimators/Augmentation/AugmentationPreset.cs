namespace HideAndSeek.Augmentation;

/// <summary>The seed project's two augmentation pipelines (<c>--do_augmentation 1</c> and <c>2</c>), or none.</summary>
public enum AugmentationPreset
{
    /// <summary>No augmentation: every probability is 0, so training images pass through unchanged.</summary>
    None = 0,

    /// <summary>
    /// "Augmentation 1": Fliplr(0.25), Flipud(0.25), Sometimes(0.25, rotate in [-180, 180] degrees),
    /// Sometimes(0.2, translate by up to 15 % of each side). The defaults of <see cref="ImageAugmentationOptions"/>.
    /// </summary>
    Seed1 = 1,

    /// <summary>
    /// "Augmentation 2": as <see cref="Seed1"/> but translating by up to 10 %, then Sometimes(0.2, one of coarse
    /// dropout, salt, pepper or salt-and-pepper with p = 0.2 per cell and a cell grid of 5 % to 10 % of each side).
    /// </summary>
    Seed2 = 2,
}
