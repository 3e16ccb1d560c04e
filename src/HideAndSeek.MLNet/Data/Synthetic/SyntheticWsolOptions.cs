namespace HideAndSeek.Data.Synthetic;

/// <summary>
/// Knobs of the synthetic weakly-supervised localisation dataset (see <see cref="SyntheticWsolGenerator"/>). The
/// defaults give the setting of the design brief: a small exact-colour head that always identifies the class and a
/// large striped body that does so half of the time (otherwise it has a random texture), so a plain CAM leans on the
/// head while the body remains worth finding.
/// </summary>
public sealed class SyntheticWsolOptions
{
    /// <summary>Number of classes (default 6), at least 1.</summary>
    public int Classes { get; set; } = 6;

    /// <summary>Training images per class (default 100), at least 1.</summary>
    public int TrainImagesPerClass { get; set; } = 100;

    /// <summary>Validation images per class (default 20); 0 writes an empty validation split.</summary>
    public int ValidationImagesPerClass { get; set; } = 20;

    /// <summary>Side of the square images in pixels (default 64), at least 32.</summary>
    public int ImageSize { get; set; } = 64;

    /// <summary>Seed of every random choice (default 1): the same options give byte-identical files.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Diameter in pixels of the small, solid, class-coloured "head" (default 7): the highly discriminative part.
    /// At least 1 and at most a quarter of <see cref="ImageSize"/>.
    /// </summary>
    public int PartSize { get; set; } = 7;

    /// <summary>
    /// Probability that the body's stripe texture is the object's own class texture (default 0.5); otherwise the body
    /// looks as <see cref="UninformativeBody"/> says. 1 makes the body as informative as the head, 0 makes it useless
    /// (or, with <see cref="UninformativeBody.OtherClass"/>, misleading).
    /// </summary>
    public double BodyInformativeness { get; set; } = 0.5;

    /// <summary>
    /// The texture of a body that is not informative (default <see cref="UninformativeBody.Random"/>: orientation,
    /// period and hue drawn independently of the class). <see cref="UninformativeBody.OtherClass"/> is the
    /// adversarial variant: another class's texture, which teaches a network to ignore bodies.
    /// </summary>
    public UninformativeBody UninformativeBody { get; set; } = UninformativeBody.Random;

    /// <summary>
    /// Also write one mask PNG per image (default <see langword="false"/>): 8-bit grey, 255 on object pixels (body and
    /// head) and 0 elsewhere, at <c>train/&lt;wnid&gt;/masks/&lt;name&gt;.png</c> and <c>val/masks/&lt;name&gt;.png</c>
    /// (see <see cref="SyntheticWsolGenerator.MaskPathFor"/>).
    /// </summary>
    public bool WriteMasks { get; set; }

    /// <summary>JPEG quality, 1 to 100 (default 90). Chroma is not subsampled, so the small head keeps its colour.</summary>
    public int JpegQuality { get; set; } = 90;

    /// <summary>
    /// Strength of the background clutter, 0 to 1 (default 0.5): how many low-contrast blobs and lines are drawn and how
    /// much pixel noise is added. 0 gives a flat background.
    /// </summary>
    public double Clutter { get; set; } = 0.5;
}
