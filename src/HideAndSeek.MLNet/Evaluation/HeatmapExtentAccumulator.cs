
using HideAndSeek.Boxes;

namespace HideAndSeek.Evaluation;

/// <summary>
/// How far the ground-truth class's heatmap spreads at each CAM threshold: the mean share of the image above the
/// threshold, and the mean share of the ground-truth box pixels above it (box recall). Hide-and-Seek's claim is that
/// the heatmap covers more of the object, which shows as a higher box recall; the image share tells whether it simply
/// spreads everywhere.
/// </summary>
internal sealed class HeatmapExtentAccumulator
{
    private readonly double[] _thresholds;
    private readonly double[] _imageShare;
    private readonly double[] _boxRecall;
    private readonly long[] _aboveInImage;
    private readonly long[] _aboveInBox;
    private bool[] _inBox = [];
    private double _groundTruthShare;

    public HeatmapExtentAccumulator(IReadOnlyList<double> thresholds)
    {
        _thresholds = thresholds.ToArray();
        _imageShare = new double[_thresholds.Length];
        _boxRecall = new double[_thresholds.Length];
        _aboveInImage = new long[_thresholds.Length];
        _aboveInBox = new long[_thresholds.Length];
    }

    public long Count { get; private set; }

    /// <summary>Adds one image: its normalised heatmap (row-major, foreground = value &gt; t) and its ground-truth boxes.</summary>
    public void Add(ReadOnlySpan<float> heatmap, int width, int height, ReadOnlySpan<BoundingBox> groundTruth)
    {
        if (_inBox.Length != width * height)
            _inBox = new bool[width * height];
        Array.Clear(_inBox);
        foreach (var box in groundTruth)
        {
            var b = box.Clip(width, height);
            for (int y = b.YMin; y <= b.YMax; y++)
                Array.Fill(_inBox, true, y * width + b.XMin, b.Width);
        }
        Array.Clear(_aboveInImage);
        Array.Clear(_aboveInBox);
        long boxPixels = 0;
        for (int i = 0; i < heatmap.Length; i++)
        {
            bool inBox = _inBox[i];
            if (inBox)
                boxPixels++;
            float v = heatmap[i];
            for (int t = 0; t < _thresholds.Length; t++)
            {
                if (v > _thresholds[t])
                {
                    _aboveInImage[t]++;
                    if (inBox)
                        _aboveInBox[t]++;
                }
            }
        }
        for (int t = 0; t < _thresholds.Length; t++)
        {
            _imageShare[t] += (double)_aboveInImage[t] / heatmap.Length;
            _boxRecall[t] += boxPixels == 0 ? 0 : (double)_aboveInBox[t] / boxPixels;
        }
        _groundTruthShare += (double)boxPixels / heatmap.Length;
        Count++;
    }

    /// <summary>Mean share of the image above threshold index <paramref name="t"/>.</summary>
    public double ImageShare(int t) => Count == 0 ? 0 : _imageShare[t] / Count;

    /// <summary>Mean share of the ground-truth box pixels above threshold index <paramref name="t"/>.</summary>
    public double BoxRecall(int t) => Count == 0 ? 0 : _boxRecall[t] / Count;

    /// <summary>Mean share of the image inside the ground-truth boxes.</summary>
    public double GroundTruthShare => Count == 0 ? 0 : _groundTruthShare / Count;
}
