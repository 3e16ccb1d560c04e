namespace HideAndSeek.Data.Manifest;

/// <summary>One parsed data row of a manifest: an image with at most one box (more boxes come as more rows).</summary>
/// <param name="Image">The image path as written (relative to the manifest's folder, or absolute).</param>
/// <param name="Label">The class name.</param>
/// <param name="Box">The object box, or null when the manifest has no box columns or the row leaves them empty.</param>
/// <param name="PartBox">The part box, or null when absent or empty.</param>
/// <param name="Split">The split name, or null without a split column.</param>
/// <param name="Mask">The mask path as written, or null.</param>
/// <param name="Size">The image size the manifest states (width, height), or null.</param>
internal sealed record ManifestRow(
    string Image, string Label, ImageFiles.PixelBox? Box, ImageFiles.PixelBox? PartBox, string? Split, string? Mask,
    (int Width, int Height)? Size);
