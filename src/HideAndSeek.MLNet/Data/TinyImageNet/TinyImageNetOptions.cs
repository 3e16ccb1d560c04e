using HideAndSeek.Data.ImageFiles;

namespace HideAndSeek.Data.TinyImageNet;

/// <summary>
/// What to read from a Tiny ImageNet layout and how strictly to check it. <see cref="ImageDatasetOptions.Classes"/>
/// lists wnids of <c>wnids.txt</c> (rows keep its order). Under <see cref="ImageDatasetOptions.MaxImagesPerClass"/> a
/// training boxes file is read only up to its N-th image (later lines are neither read nor checked); the validation
/// annotation file is always read and checked in full, since any of its lines may belong to a selected class.
/// </summary>
public sealed class TinyImageNetOptions : ImageDatasetOptions
{
    /// <summary>
    /// The side of every image in pixels, or <see langword="null"/> (the default) to read each image's own width and
    /// height from its file header (no decoding) and check its boxes against them, so images of any size work. When
    /// set, no header is read (the faster path for the original 64 x 64 dataset's 110,000 images) and boxes must lie
    /// within <c>0 .. ImageSize - 1</c>. Must be positive when set. With <see cref="ImageDatasetOptions.VerifyImagesExist"/>
    /// off and no size, boxes are only checked to be non-negative and ordered.
    /// </summary>
    public int? ImageSize { get; set; }
}
