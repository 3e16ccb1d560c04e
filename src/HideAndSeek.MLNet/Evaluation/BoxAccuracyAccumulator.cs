using HideAndSeek.Boxes;

namespace HideAndSeek.Evaluation;

/// <summary>
/// wsolevaluation's box accuracies over a data set: fed, per image, the best IoU at every CAM threshold (from
/// <see cref="ThresholdSweep"/>), it gives BoxAcc(t, d) = the share of images whose best IoU at threshold t is at least
/// d / 100, MaxBoxAcc(d) = the maximum over t, and the threshold that reaches it.
/// </summary>
/// <remarks>
/// MaxBoxAccV2 is <see cref="MeanMaxBoxAcc"/> over d in {30, 50, 70} with IoUs of <see cref="BoxMode.AllContours"/>;
/// MaxBoxAcc (V1) is <see cref="MaxBoxAcc"/>(50) with IoUs of <see cref="BoxMode.LargestComponent"/>, both under
/// <see cref="LocalizationConvention.WsolEvaluation"/> to match published tables. Accuracies are shares in [0, 1]
/// (wsolevaluation prints percentages). The comparison is <c>iou &gt;= d / 100.0</c> in double, as wsolevaluation's.
/// To report a threshold chosen on another split, read <see cref="BoxAcc"/> at that split's
/// <see cref="BestThresholdIndex"/>. Not thread-safe; <see cref="Merge"/> combines per-thread accumulators.
/// </remarks>
internal sealed class BoxAccuracyAccumulator
{
    private readonly double[] _camThresholds;
    private readonly int[] _iouPercents;
    private readonly long[] _hits; // [iou index, cam threshold index]

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="camThresholds">The CAM thresholds, in the order of the IoUs given to <see cref="Add"/>.</param>
    /// <param name="iouPercents">IoU thresholds d in percent; default {30, 50, 70}.</param>
    /// <exception cref="ArgumentException">A list is empty, or an IoU percent is outside [0, 100] or repeated.</exception>
    public BoxAccuracyAccumulator(IReadOnlyList<double> camThresholds, IReadOnlyList<int>? iouPercents = null)
    {
        ArgumentNullException.ThrowIfNull(camThresholds);
        iouPercents ??= LocalizationThresholds.WsolEvaluationIoUPercents;
        if (camThresholds.Count == 0 || iouPercents.Count == 0)
        {
            throw new ArgumentException("Both threshold lists need at least one value.");
        }

        if (iouPercents.Any(d => d < 0 || d > 100) || iouPercents.Distinct().Count() != iouPercents.Count)
        {
            throw new ArgumentException("IoU thresholds must be distinct percents in [0, 100].", nameof(iouPercents));
        }

        _camThresholds = camThresholds.ToArray();
        _iouPercents = iouPercents.ToArray();
        _hits = new long[_iouPercents.Length * _camThresholds.Length];
    }

    /// <summary>The CAM thresholds, in the order of the IoUs given to <see cref="Add"/>.</summary>
    public IReadOnlyList<double> CamThresholds => _camThresholds;

    /// <summary>The IoU thresholds d, in percent.</summary>
    public IReadOnlyList<int> IoUPercents => _iouPercents;

    /// <summary>Number of images added.</summary>
    public long Count { get; private set; }

    /// <summary>Adds one image: its best IoU at each CAM threshold (one value per <see cref="CamThresholds"/> entry).</summary>
    /// <exception cref="ArgumentException">The span's length differs from the number of CAM thresholds.</exception>
    public void Add(ReadOnlySpan<double> bestIoUPerThreshold)
    {
        int n = _camThresholds.Length;
        if (bestIoUPerThreshold.Length != n)
        {
            throw new ArgumentException($"Expected {n} IoUs, one per CAM threshold; got {bestIoUPerThreshold.Length}.", nameof(bestIoUPerThreshold));
        }

        for (int d = 0; d < _iouPercents.Length; d++)
        {
            double bar = _iouPercents[d] / 100.0;
            var row = _hits.AsSpan(d * n, n);
            for (int t = 0; t < n; t++)
            {
                if (bestIoUPerThreshold[t] >= bar)
                {
                    row[t]++;
                }
            }
        }

        Count++;
    }

    /// <summary>Adds the counts of another accumulator with the same thresholds.</summary>
    /// <exception cref="ArgumentException">The thresholds differ.</exception>
    public void Merge(BoxAccuracyAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!other._camThresholds.SequenceEqual(_camThresholds) || !other._iouPercents.SequenceEqual(_iouPercents))
        {
            throw new ArgumentException("Only accumulators with the same thresholds can be merged.", nameof(other));
        }

        for (int i = 0; i < _hits.Length; i++)
        {
            _hits[i] += other._hits[i];
        }

        Count += other.Count;
    }

    /// <summary>BoxAcc(t, d): the share of images whose best IoU at CAM threshold index <paramref name="camThresholdIndex"/> is at least d / 100; 0 before any image.</summary>
    /// <exception cref="ArgumentException">d is not one of <see cref="IoUPercents"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public double BoxAcc(int camThresholdIndex, int iouPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(camThresholdIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(camThresholdIndex, _camThresholds.Length);
        return Share(_hits[IoUIndex(iouPercent) * _camThresholds.Length + camThresholdIndex]);
    }

    /// <summary>MaxBoxAcc(d): the largest BoxAcc(t, d) over the CAM thresholds.</summary>
    /// <exception cref="ArgumentException">d is not one of <see cref="IoUPercents"/>.</exception>
    public double MaxBoxAcc(int iouPercent) => BoxAcc(BestThresholdIndex(iouPercent), iouPercent);

    /// <summary>The index of the first CAM threshold that reaches MaxBoxAcc(d) (numpy's argmax picks the first too).</summary>
    /// <exception cref="ArgumentException">d is not one of <see cref="IoUPercents"/>.</exception>
    public int BestThresholdIndex(int iouPercent)
    {
        int n = _camThresholds.Length;
        var row = _hits.AsSpan(IoUIndex(iouPercent) * n, n);
        int best = 0;
        for (int t = 1; t < n; t++)
        {
            if (row[t] > row[best])
            {
                best = t;
            }
        }

        return best;
    }

    /// <summary>The CAM threshold that reaches MaxBoxAcc(d) (see <see cref="BestThresholdIndex"/>).</summary>
    /// <exception cref="ArgumentException">d is not one of <see cref="IoUPercents"/>.</exception>
    public double BestThreshold(int iouPercent) => _camThresholds[BestThresholdIndex(iouPercent)];

    /// <summary>
    /// The mean of MaxBoxAcc(d) over <see cref="IoUPercents"/>, each d with its own best threshold: MaxBoxAccV2 when the
    /// IoUs come from <see cref="BoxMode.AllContours"/> and the IoU thresholds are {30, 50, 70}.
    /// </summary>
    public double MeanMaxBoxAcc() => _iouPercents.Average(MaxBoxAcc);

    private int IoUIndex(int iouPercent)
    {
        int index = Array.IndexOf(_iouPercents, iouPercent);
        if (index < 0)
        {
            throw new ArgumentException($"IoU threshold {iouPercent} is not one of [{string.Join(", ", _iouPercents)}].", nameof(iouPercent));
        }

        return index;
    }

    private double Share(long hits) => Count == 0 ? 0.0 : (double)hits / Count;
}
