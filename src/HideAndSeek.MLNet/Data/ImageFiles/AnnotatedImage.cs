namespace HideAndSeek.Data.ImageFiles;

/// <summary>One row of an image dataset view, whatever layout it was read from.</summary>
/// <param name="ImagePath">The absolute path of the image file.</param>
/// <param name="Label">The class id.</param>
/// <param name="LabelName">The class's display name (the id when the layout has no names).</param>
/// <param name="Box">
/// The object boxes, 4 floats each (xmin, ymin, xmax, ymax: 0-based inclusive pixels of the photo), or
/// <see langword="null"/> when the layout has no boxes.
/// </param>
/// <param name="MaskPath">The absolute path of the object mask, or <see langword="null"/>.</param>
/// <param name="PartBox">Boxes of a part of the object (4 floats each, possibly none), or <see langword="null"/>.</param>
/// <param name="Problem">
/// Why the image cannot be used, found while reading the annotations (a missing file, an unreadable header), when bad
/// images are skipped; <see langword="null"/> otherwise. The view leaves such a row out like any other bad image.
/// </param>
internal sealed record AnnotatedImage(
    string ImagePath, string Label, string LabelName, float[]? Box, string? MaskPath = null, float[]? PartBox = null,
    string? Problem = null);
