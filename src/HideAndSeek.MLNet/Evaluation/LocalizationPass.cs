using HideAndSeek.Boxes;
using HideAndSeek.Photos;
using HideAndSeek.Ranking;

namespace HideAndSeek.Evaluation;

/// <summary>
/// What one pass over scored rows accumulates, and how one labelled row adds to it: the seed's thresholds and the
/// heatmap's extent always, the MaxBoxAcc sweep, PxAP and part mass when the pass asks for them.
/// </summary>
internal sealed class LocalizationPass
{
    private readonly LocalizationEvaluationOptions _o;
    private readonly int _height;
    private readonly int _width;
    private readonly ThresholdSweep _seedSweep;
    private readonly ThresholdSweep? _fullSweep;
    private readonly double[] _seedThresholds;
    private readonly double[] _sweepThresholds;
    private readonly double[] _seedIoUs;
    private readonly double[] _allContours;
    private readonly double[] _largest;
    private readonly int[] _top;

    /// <param name="options">The thresholds, IoU and box rules.</param>
    /// <param name="height">Heatmap height (network pixels).</param>
    /// <param name="width">Heatmap width.</param>
    /// <param name="classes">Classes scored (the top-5 is of at most that many).</param>
    /// <param name="sweep">Also run the MaxBoxAcc sweep.</param>
    /// <param name="pixels">Also accumulate PxAP (rows bring object masks).</param>
    /// <param name="parts">Also accumulate part mass (rows bring part boxes).</param>
    public LocalizationPass(LocalizationEvaluationOptions options, int height, int width, int classes, bool sweep, bool pixels, bool parts)
    {
        _o = options;
        _height = height;
        _width = width;
        Seed = new LocalizationAccuracyAccumulator(options.Thresholds, options.IoUThreshold);
        Extent = new HeatmapExtentAccumulator(options.Thresholds);
        AllContours = sweep ? new BoxAccuracyAccumulator(options.SweepThresholds, options.IoUPercents) : null;
        LargestContour = sweep ? new BoxAccuracyAccumulator(options.SweepThresholds, new[] { 50 }) : null;
        Pixels = pixels ? new PixelAveragePrecisionAccumulator(options.PxapThresholdInterval) : null;
        Parts = parts ? new PartMassAccumulator() : null;
        _seedSweep = new ThresholdSweep(height, width, LocalizationConvention.Tight);
        _fullSweep = sweep ? new ThresholdSweep(height, width, options.MaxBoxAccConvention) : null;
        _seedThresholds = options.Thresholds.ToArray();
        _sweepThresholds = options.SweepThresholds.ToArray();
        _seedIoUs = new double[_seedThresholds.Length];
        _allContours = new double[_sweepThresholds.Length];
        _largest = new double[_sweepThresholds.Length];
        _top = new int[Math.Min(5, classes)];
    }

    public LocalizationAccuracyAccumulator Seed { get; }

    public HeatmapExtentAccumulator Extent { get; }

    public BoxAccuracyAccumulator? AllContours { get; }

    public BoxAccuracyAccumulator? LargestContour { get; }

    public PixelAveragePrecisionAccumulator? Pixels { get; }

    public PartMassAccumulator? Parts { get; }

    public List<BoxAnnotation> Annotations { get; } = new();

    public long SkippedWithoutLabel { get; set; }

    /// <summary>
    /// One labelled row. With a photo, <paramref name="truth"/> and <paramref name="parts"/> are in the photo's pixels
    /// and every predicted box is mapped there before IoU; the heatmap-extent diagnostics stay in the heatmap's pixels.
    /// </summary>
    /// <param name="groundTruth">The zero-based true class.</param>
    /// <param name="probabilities">The class scores.</param>
    /// <param name="heatmap">The ground-truth class's heatmap, min-max normalised.</param>
    /// <param name="truth">The ground-truth boxes.</param>
    /// <param name="photo">The photo's frame, or null when boxes are in the heatmap's pixels.</param>
    /// <param name="mask">The object mask in the heatmap's pixels, when the pass accumulates PxAP and the row has one.</param>
    /// <param name="parts">The part boxes, when the pass accumulates part mass.</param>
    public void Add(int groundTruth, float[] probabilities, float[] heatmap, BoundingBox[] truth, PhotoFrame? photo, bool[]? mask,
        BoundingBox[]? parts)
    {
        Func<BoundingBox, BoundingBox>? toPhoto = photo is null || photo.IsIdentity ? null : photo.ToPhoto;
        _seedSweep.PredictedBoxMapping = toPhoto;
        if (_fullSweep is not null)
            _fullSweep.PredictedBoxMapping = toPhoto;
        ClassRanking.Top(probabilities, _top);
        bool top1 = _top[0] == groundTruth;
        bool top5 = _top.Contains(groundTruth);
        _seedSweep.Run(heatmap, truth, _seedThresholds, _o.BoxMode, _seedIoUs);
        Seed.Add(_seedIoUs, top1, top5);
        var networkTruth = toPhoto is null ? truth : NetworkBoxes(truth, photo!);
        Extent.Add(heatmap, _width, _height, networkTruth);
        if (mask is not null)
            Pixels!.Add(heatmap, mask);
        if (parts is not null)
            Parts!.Add(heatmap, _width, _height, toPhoto is null ? parts : parts.Select(photo!.ToNetwork).Where(b => !b.IsEmpty).ToArray(), mask, networkTruth);
        if (_fullSweep is not null)
        {
            _fullSweep.Run(heatmap, truth, _sweepThresholds, Span<double>.Empty, _largest, _allContours);
            AllContours!.Add(_allContours);
            LargestContour!.Add(_largest);
        }
        Annotations.Add(new BoxAnnotation(photo?.PhotoWidth ?? _width, photo?.PhotoHeight ?? _height, truth));
    }

    /// <summary>Photo-space boxes in the heatmap's pixels (a box cropped away entirely keeps a one-pixel stand-in).</summary>
    private static BoundingBox[] NetworkBoxes(BoundingBox[] photoBoxes, PhotoFrame photo) =>
        photoBoxes.Select(b => photo.ToNetwork(b) is { IsEmpty: false } n ? n : new BoundingBox(0, 0, 0, 0)).ToArray();
}
