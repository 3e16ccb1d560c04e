namespace HideAndSeek.Localization;

/// <summary>
/// The trivial guess a localiser must beat: a box centred in the image covering a fixed share of its area
/// (<see cref="BoundingBox.CentredBox"/>). The share is either <see cref="DefaultAreaFraction"/> or chosen on a
/// selection split with <see cref="SelectAreaFraction"/>, then reported on another split.
/// </summary>
public static class CentreBoxBaseline
{
    /// <summary>0.5: Tiny ImageNet's boxes cover about half of the image on average.</summary>
    public const double DefaultAreaFraction = 0.5;

    /// <summary>The candidate area fractions 0.05, 0.10, ..., 1.00.</summary>
    public static IReadOnlyList<double> CandidateAreaFractions { get; } =
        Enumerable.Range(1, 20).Select(i => i / 20.0).ToArray();

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
}
