using HideAndSeek.Data.ImageFiles;

namespace HideAndSeek.Data.Voc;

/// <summary>What to read from a folder of Pascal VOC / ImageNet XML annotations (see <see cref="VocAnnotationReader"/>).</summary>
public sealed class VocAnnotationOptions : ImageDatasetOptions
{
    /// <summary>
    /// The label of every image; <see langword="null"/> (the default) takes each file's first <c>&lt;object&gt;</c>'s
    /// <c>&lt;name&gt;</c> (ImageNet's XMLs name the wnid there).
    /// </summary>
    public string? Label { get; set; }

    /// <summary>
    /// Whether the XML coordinates are 1-based (default <see langword="true"/>, as Pascal VOC and ImageNet write
    /// them: the first pixel is 1); 1 is then subtracted from each to give the view's 0-based inclusive pixels.
    /// <see langword="false"/> takes them as 0-based already.
    /// </summary>
    public bool OneBasedCoordinates { get; set; } = true;
}
