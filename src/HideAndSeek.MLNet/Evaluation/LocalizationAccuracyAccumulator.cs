using HideAndSeek.Boxes;

namespace HideAndSeek.Evaluation;

/// <summary>
/// The seed's protocol, reported at each CAM threshold: GT-known localisation (IoU of the ground-truth class's box at
/// least 0.5), Top-1 localisation (top-1 class right and that IoU at least 0.5), Top-5 localisation (the ground-truth
/// class among the top 5 and that IoU at least 0.5), and Top-1/Top-5 classification.
/// </summary>
/// <remarks>
/// Feed the IoUs of the box from the ground-truth class's CAM: when the top-1 class is right it is the ground-truth
/// class, so the same IoU serves Top-1 localisation; for Top-5 localisation the top-5 class that equals the ground truth
/// is the ground-truth class. Accuracies are shares in [0, 1]; the IoU comparison is <c>iou &gt;= IoUThreshold</c>.
/// Not thread-safe; <see cref="Merge"/> combines per-thread accumulators.
/// </remarks>
internal sealed class LocalizationAccuracyAccumulator
{
    private readonly double[] _camThresholds;
    private readonly long[] _gtKnown;
    private readonly long[] _top1;
    private readonly long[] _top5;
    private long _top1Class;
    private long _top5Class;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="camThresholds">The CAM thresholds, in the order of the IoUs given to <see cref="Add"/> (e.g. <see cref="LocalizationThresholds.Seed"/>).</param>
    /// <param name="iouThreshold">IoU needed for a box to count as correct; default 0.5.</param>
    /// <exception cref="ArgumentException">No CAM threshold, or the IoU threshold is outside [0, 1].</exception>
    public LocalizationAccuracyAccumulator(IReadOnlyList<double> camThresholds, double iouThreshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(camThresholds);
        if (camThresholds.Count == 0)
        {
            throw new ArgumentException("At least one CAM threshold is needed.", nameof(camThresholds));
        }

        if (!(iouThreshold >= 0.0 && iouThreshold <= 1.0))
        {
            throw new ArgumentException("The IoU threshold must be in [0, 1].", nameof(iouThreshold));
        }

        _camThresholds = camThresholds.ToArray();
        IoUThreshold = iouThreshold;
        _gtKnown = new long[_camThresholds.Length];
        _top1 = new long[_camThresholds.Length];
        _top5 = new long[_camThresholds.Length];
    }

    /// <summary>The CAM thresholds, in the order of the IoUs given to <see cref="Add"/>.</summary>
    public IReadOnlyList<double> CamThresholds => _camThresholds;

    /// <summary>IoU needed for a box to count as correct.</summary>
    public double IoUThreshold { get; }

    /// <summary>Number of images added.</summary>
    public long Count { get; private set; }

    /// <summary>Adds one image.</summary>
    /// <param name="groundTruthClassIoUs">IoU of the ground-truth class's box with the ground truth, one per CAM threshold.</param>
    /// <param name="top1Correct">Whether the top-1 predicted class is the ground-truth class.</param>
    /// <param name="top5Correct">Whether the ground-truth class is among the top 5 predicted classes (implied by <paramref name="top1Correct"/>).</param>
    /// <exception cref="ArgumentException">The span's length differs from the number of CAM thresholds.</exception>
    public void Add(ReadOnlySpan<double> groundTruthClassIoUs, bool top1Correct, bool top5Correct)
    {
        if (groundTruthClassIoUs.Length != _camThresholds.Length)
        {
            throw new ArgumentException($"Expected {_camThresholds.Length} IoUs, one per CAM threshold.", nameof(groundTruthClassIoUs));
        }

        top5Correct |= top1Correct;
        for (int t = 0; t < _camThresholds.Length; t++)
        {
            if (groundTruthClassIoUs[t] >= IoUThreshold)
            {
                _gtKnown[t]++;
                if (top1Correct)
                {
                    _top1[t]++;
                }

                if (top5Correct)
                {
                    _top5[t]++;
                }
            }
        }

        if (top1Correct)
        {
            _top1Class++;
        }

        if (top5Correct)
        {
            _top5Class++;
        }

        Count++;
    }

    /// <summary>Adds the counts of another accumulator with the same thresholds.</summary>
    /// <exception cref="ArgumentException">The thresholds differ.</exception>
    public void Merge(LocalizationAccuracyAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!other._camThresholds.SequenceEqual(_camThresholds) || other.IoUThreshold != IoUThreshold)
        {
            throw new ArgumentException("Only accumulators with the same thresholds can be merged.", nameof(other));
        }

        for (int t = 0; t < _camThresholds.Length; t++)
        {
            _gtKnown[t] += other._gtKnown[t];
            _top1[t] += other._top1[t];
            _top5[t] += other._top5[t];
        }

        _top1Class += other._top1Class;
        _top5Class += other._top5Class;
        Count += other.Count;
    }

    /// <summary>GT-known localisation accuracy at CAM threshold index <paramref name="camThresholdIndex"/>.</summary>
    public double GroundTruthKnownLocalization(int camThresholdIndex) => Share(_gtKnown[camThresholdIndex]);

    /// <summary>Top-1 localisation accuracy at CAM threshold index <paramref name="camThresholdIndex"/>.</summary>
    public double Top1Localization(int camThresholdIndex) => Share(_top1[camThresholdIndex]);

    /// <summary>Top-5 localisation accuracy at CAM threshold index <paramref name="camThresholdIndex"/>.</summary>
    public double Top5Localization(int camThresholdIndex) => Share(_top5[camThresholdIndex]);

    /// <summary>Top-1 classification accuracy.</summary>
    public double Top1Classification => Share(_top1Class);

    /// <summary>Top-5 classification accuracy.</summary>
    public double Top5Classification => Share(_top5Class);

    private double Share(long hits) => Count == 0 ? 0.0 : (double)hits / Count;
}
