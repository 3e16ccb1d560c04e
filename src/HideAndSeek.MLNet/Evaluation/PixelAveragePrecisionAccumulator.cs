namespace HideAndSeek.Evaluation;

/// <summary>
/// PxAP, wsolevaluation's pixel-level metric (Choe et al., CVPR 2020, <c>MaskEvaluator</c>): the heatmap is a pixel
/// classifier (score &gt;= t means object), scored against the object masks with precision and recall pooled over
/// every pixel of every image, at thresholds t = 0, d, 2d, ..., 1 - d and 1 (d = <c>cam_curve_interval</c>, 0.001 by
/// default); PxAP is the area under that precision-recall curve as average precision:
/// sum over thresholds from high to low of P(t) * (R(t) - R(previous t)).
/// </summary>
/// <remarks>
/// As wsolevaluation does it: scores are counted in histograms with bins [0, d), [d, 2d), ..., [1 - d, 1), [1, 2),
/// [2, 3], separately for object and background pixels, so scores in one bin are tied; values outside [0, 3] are not
/// counted; thresholds where nothing is at or above t add nothing. Memory is two histograms, whatever the data size.
/// </remarks>
internal sealed class PixelAveragePrecisionAccumulator
{
    /// <summary>wsolevaluation's default <c>cam_curve_interval</c>.</summary>
    public const double DefaultInterval = 0.001;

    private readonly double _interval;
    private readonly double[] _edges; // left edges: 0, d, ..., (n - 1) d, 1, 2 (numpy's arange values i * d)
    private readonly long[] _object;
    private readonly long[] _background;
    private readonly int _thresholds;

    public PixelAveragePrecisionAccumulator(double interval = DefaultInterval)
    {
        if (!(interval > 0 && interval <= 1))
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The threshold interval must be in (0, 1].");
        _interval = interval;
        _thresholds = (int)Math.Ceiling(1 / interval); // len(np.arange(0, 1, d))
        _edges = new double[_thresholds + 2];
        for (int i = 0; i < _thresholds; i++)
            _edges[i] = i * interval;
        _edges[_thresholds] = 1;
        _edges[_thresholds + 1] = 2;
        _object = new long[_edges.Length];
        _background = new long[_edges.Length];
    }

    /// <summary>Images added.</summary>
    public long Count { get; private set; }

    /// <summary>Adds one image: its heatmap (normalised to [0, 1]) and its mask (true on object pixels), both row-major.</summary>
    public void Add(ReadOnlySpan<float> heatmap, ReadOnlySpan<bool> mask)
    {
        if (heatmap.Length != mask.Length)
            throw new ArgumentException($"The heatmap has {heatmap.Length} pixels but the mask {mask.Length}.", nameof(mask));
        for (int i = 0; i < heatmap.Length; i++)
        {
            int bin = Bin(heatmap[i]);
            if (bin < 0)
                continue;
            if (mask[i])
                _object[bin]++;
            else
                _background[bin]++;
        }
        Count++;
    }

    /// <summary>PxAP in [0, 1]; NaN when no object pixel was added (wsolevaluation raises an error there).</summary>
    public double AveragePrecision()
    {
        long objects = _object.Sum();
        if (objects == 0)
            return double.NaN;
        // From the highest bin down: tp, fp = object, background pixels scoring at or above the bin's left edge.
        int top = _edges.Length - 1;
        long tp = _object[top], fp = _background[top];
        double previousRecall = (double)tp / objects;
        double area = 0;
        for (int bin = top - 1; bin >= 0; bin--)
        {
            tp += _object[bin];
            fp += _background[bin];
            if (tp + fp == 0)
                continue; // precision undefined; recall has not moved either
            double recall = (double)tp / objects;
            area += (double)tp / (tp + fp) * (recall - previousRecall);
            previousRecall = recall;
        }
        return area;
    }

    /// <summary>The histogram bin of a score, or -1 outside [0, 3] (NaN included), as numpy.histogram.</summary>
    private int Bin(double v)
    {
        if (!(v >= 0 && v <= 3))
            return -1;
        if (v >= 2)
            return _thresholds + 1;
        if (v >= 1)
            return _thresholds;
        int k = Math.Min((int)(v / _interval), _thresholds - 1);
        // Division can land one bin off the edges i * d that numpy compares with: settle on the edges themselves.
        while (k + 1 < _thresholds && v >= _edges[k + 1])
            k++;
        while (k > 0 && v < _edges[k])
            k--;
        return k;
    }
}
