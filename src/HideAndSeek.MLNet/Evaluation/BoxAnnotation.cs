using HideAndSeek.Boxes;

namespace HideAndSeek.Evaluation;

/// <summary>One image's size and ground-truth boxes, for the centre-box baseline.</summary>
/// <param name="ImageWidth">Image width in pixels.</param>
/// <param name="ImageHeight">Image height in pixels.</param>
/// <param name="Boxes">The image's ground-truth boxes.</param>
internal readonly record struct BoxAnnotation(int ImageWidth, int ImageHeight, IReadOnlyList<BoundingBox> Boxes);
