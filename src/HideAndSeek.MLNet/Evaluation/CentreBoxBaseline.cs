using HideAndSeek.Boxes;

namespace HideAndSeek.Evaluation;

/// <summary>
/// The trivial guess a localiser must beat: a box centred in the image covering a fixed share of its area
/// (<see cref="BoundingBox.CentredBox"/>). Like a CAM threshold, the share is chosen where it scores best: for GT-known
/// localisation with <see cref="SelectAreaFraction"/> (on a selection split, then reported on another), for
/// MaxBoxAccV2 with <see cref="MaxBoxAccV2"/> (the best share per IoU level on the reported split itself, exactly as
/// MaxBoxAcc picks the best CAM threshold).
/// </summary>
internal static class CentreBoxBaseline
{
    /// <summary>The candidate area fractions 0.01, 0.02, ..., 1.00 (a 64 px image's squares differ by about one pixel of side).</summary>
    public static IReadOnlyList<double> CandidateAreaFractions { get; } =
        Enumerable.Range(1, 100).Select(i => i / 100.0).ToArray();

    /// <summary>The share of images whose centred box of <paramref name="areaFraction"/> reaches IoU &gt;= <paramref name="iouThreshold"/> with one of their boxes (0 for no image).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1] or an image size is not positive.</exception>
    public static double Accuracy(IEnumerable<BoxAnnotation> images, double areaFraction, double iouThreshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(images);
        long hits = 0, count = 0;
        foreach (var image in images)
        {
            count++;
            var guess = BoundingBox.CentredBox(image.ImageWidth, image.ImageHeight, areaFraction);
            if (image.Boxes.Any(b => BoundingBox.IoU(guess, b) >= iouThreshold))
            {
                hits++;
            }
        }

        return count == 0 ? 0.0 : (double)hits / count;
    }

    /// <summary>
    /// The area fraction, among <paramref name="candidates"/> (default <see cref="CandidateAreaFractions"/>), with the
    /// highest <see cref="Accuracy"/> on the selection images; the first candidate wins a tie.
    /// </summary>
    /// <exception cref="ArgumentException">There is no candidate.</exception>
    public static double SelectAreaFraction(IEnumerable<BoxAnnotation> selection, IReadOnlyList<double>? candidates = null, double iouThreshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(selection);
        candidates ??= CandidateAreaFractions;
        if (candidates.Count == 0)
        {
            throw new ArgumentException("At least one candidate fraction is needed.", nameof(candidates));
        }

        var images = selection as IReadOnlyCollection<BoxAnnotation> ?? selection.ToArray();
        double bestFraction = candidates[0];
        double bestAccuracy = double.NegativeInfinity;
        foreach (double fraction in candidates)
        {
            double accuracy = Accuracy(images, fraction, iouThreshold);
            if (accuracy > bestAccuracy)
            {
                bestAccuracy = accuracy;
                bestFraction = fraction;
            }
        }

        return bestFraction;
    }

    /// <summary>
    /// MaxBoxAccV2 of the centre box: for each IoU percentage the best <see cref="Accuracy"/> over
    /// <paramref name="candidates"/>, averaged over the percentages (wsolevaluation: {30, 50, 70}).
    /// </summary>
    /// <returns>The mean, and the best accuracy and fraction per IoU percentage.</returns>
    public static (double Value, IReadOnlyDictionary<int, (double Accuracy, double Fraction)> PerIoU) MaxBoxAccV2(
        IEnumerable<BoxAnnotation> images, IReadOnlyList<int> iouPercents, IReadOnlyList<double>? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(iouPercents);
        if (iouPercents.Count == 0)
            throw new ArgumentException("At least one IoU percentage is needed.", nameof(iouPercents));
        var list = images as IReadOnlyCollection<BoxAnnotation> ?? images.ToArray();
        var perIoU = new SortedDictionary<int, (double, double)>();
        foreach (int d in iouPercents)
        {
            double fraction = SelectAreaFraction(list, candidates, d / 100.0);
            perIoU[d] = (Accuracy(list, fraction, d / 100.0), fraction);
        }
        return (perIoU.Values.Average(v => v.Item1), perIoU);
    }
}
