using HideAndSeek.Boxes;

namespace HideAndSeek.Evaluation;

/// <summary>
/// Where the ground-truth class's heatmap puts its mass relative to a part of the object (e.g. a pet's head) and the
/// rest of it: per image the share of the heatmap's total in the part boxes, in the object outside the parts (mask, or
/// the ground-truth boxes without a mask) and outside the object, averaged over the images that have a part box.
/// A classifier finds the most telling part first; Hide-and-Seek's claim is that its heatmap moves from the part to
/// the rest of the object, which shows here as mass moving from the first share to the second.
/// </summary>
internal sealed class PartMassAccumulator
{
    private bool[] _part = [];
    private double _inPart, _inRest, _outside, _partArea, _restArea;

    public long Count { get; private set; }

    /// <summary>
    /// Adds one image: its normalised heatmap (row-major, width x height), its part boxes and object (mask or boxes)
    /// in the heatmap's pixels. An image without part boxes or with an all-zero heatmap is left out.
    /// </summary>
    public void Add(ReadOnlySpan<float> heatmap, int width, int height, ReadOnlySpan<BoundingBox> parts, bool[]? mask,
        ReadOnlySpan<BoundingBox> objectBoxes)
    {
        if (parts.IsEmpty)
            return;
        if (_part.Length != width * height)
            _part = new bool[width * height];
        Array.Clear(_part);
        bool anyPart = Fill(_part, width, height, parts);
        bool[]? objectPixels = mask;
        if (objectPixels is null)
        {
            objectPixels = new bool[width * height];
            Fill(objectPixels, width, height, objectBoxes);
        }
        double total = 0, inPart = 0, inRest = 0;
        long partPixels = 0, restPixels = 0;
        for (int i = 0; i < heatmap.Length; i++)
        {
            double v = Math.Max(0, heatmap[i]);
            total += v;
            if (_part[i])
            {
                inPart += v;
                partPixels++;
            }
            else if (objectPixels[i])
            {
                inRest += v;
                restPixels++;
            }
        }
        if (!anyPart || total <= 0)
            return;
        _inPart += inPart / total;
        _inRest += inRest / total;
        _outside += (total - inPart - inRest) / total;
        _partArea += (double)partPixels / heatmap.Length;
        _restArea += (double)restPixels / heatmap.Length;
        Count++;
    }

    /// <summary>The averages, or null when no image had a part box.</summary>
    public PartMassShares? Shares() => Count == 0 ? null
        : new PartMassShares(Count, _inPart / Count, _inRest / Count, _outside / Count, _partArea / Count, _restArea / Count);

    private static bool Fill(bool[] pixels, int width, int height, ReadOnlySpan<BoundingBox> boxes)
    {
        bool any = false;
        foreach (var box in boxes)
        {
            var b = box.Clip(width, height);
            if (b.IsEmpty)
                continue;
            any = true;
            for (int y = b.YMin; y <= b.YMax; y++)
                Array.Fill(pixels, true, y * width + b.XMin, b.Width);
        }
        return any;
    }
}
