// Why a second heatmap-to-box algorithm beside HeatmapBoxExtractor: MaxBoxAccV2 needs the largest contour's and every
// contour's boxes at 100 thresholds for each image. The benchmark `boxes` suite (test/HideAndSeek.Benchmarks/BoxesSuite)
// measured, on 1,000 CAM-like 64x64 maps scaled to 10,000, on the shared 2-core machine (load ~17, so absolute times
// are inflated, the ratio less so): wsolevaluation's convention 140 s per threshold vs 9.0 s for the sweep (15.6x),
// tight 141 s vs 5.0 s (28x); the IoUs were equal on every map.
// Long because: the three passes (foreground components, hole borders, hole-filled largest contour) share the
// union-find buffers and the per-cut bookkeeping, and splitting them would pass that state around between types.
namespace HideAndSeek.Boxes;

/// <summary>
/// For one heatmap and its ground-truth box(es), the best IoU at every threshold of a list, in one pass over the pixels
/// instead of one extraction per threshold. The result at each threshold equals what
/// <see cref="HeatmapBoxExtractor.ExtractBoxes"/> followed by <see cref="BoundingBox.MaxIoU"/> gives (the tests check this
/// on random maps for every threshold), for both conventions and all three box modes.
/// </summary>
/// <remarks>
/// <para>How: the distinct cuts of the threshold list are ordered from strictest to loosest, so that the foreground only
/// grows from one to the next; pixels are added in that order to a union-find over 8-connected components that keeps
/// each component's box, pixel count and first pixel, and after each cut the live components are read. For the
/// wsolevaluation convention two more passes reproduce OpenCV's contours exactly: hole borders come from a union-find
/// over the 4-connected background run from the loosest cut back to the strictest (a hole is a background component
/// that does not reach the image border), and the largest contour by polygon area is found on the grayscale hole-filled
/// map, whose 8-connected components are the top-level outer borders with their holes filled. The polygon through the
/// border pixel centres of such a region covers, of each 2x2 window of pixels, the whole window when all four pixels are
/// in the region, half of it when three are, and nothing otherwise, so its area is kept per component as pixels arrive;
/// a nested contour never has a larger area than the contour around it, and among equal areas OpenCV lists the
/// top-level border found last (the one whose first pixel comes latest in raster order) first.</para>
/// <para>Why not <see cref="HeatmapBoxExtractor"/> at each threshold: that is one pass over the map per threshold, a
/// hundred per image for MaxBoxAccV2. The two are kept equal by the property tests in ThresholdSweepTests (random maps,
/// every threshold, both conventions, all box modes); change one, run those.</para>
/// <para>Not thread-safe: use one instance per thread. Buffers are reused between calls.</para>
/// </remarks>
public sealed class ThresholdSweep
{
    private const int Inactive = ComponentForest.Inactive;

    private readonly int _width;
    private readonly int _height;
    private readonly int _stride;
    private readonly int[] _neighbours8;
    private readonly int[] _neighbours4;

    private readonly ComponentForest _forest;

    // Per pixel (raster index): its column, row and padded node index, so that the hot loops need no division.
    private readonly short[] _xOf;
    private readonly short[] _yOf;
    private readonly int[] _nodeOf;

    private readonly byte[] _windowCount;
    private readonly byte[] _levels;
    private readonly int[] _entry;
    private readonly int[] _fillEntry;
    private readonly int[] _order;
    private int[] _bucketStart;
    private readonly int[] _queueNext;

    private BoundingBox[] _groundTruth = [];
    private int _groundTruthCount;

    /// <summary>
    /// Maps every predicted (heatmap-space) box before it meets the ground truth, e.g. to a photo's own pixels when
    /// the ground-truth boxes are in those; null (the default) compares the boxes as they are.
    /// </summary>
    public Func<BoundingBox, BoundingBox>? PredictedBoxMapping { get; set; }

    /// <summary>Creates a sweep for heatmaps of the given size.</summary>
    /// <param name="height">Rows of every heatmap passed to <see cref="Run(ReadOnlySpan{float}, ReadOnlySpan{BoundingBox}, ReadOnlySpan{double}, BoxMode, Span{double})"/>.</param>
    /// <param name="width">Columns of every heatmap.</param>
    /// <param name="convention">The thresholding and box conventions (see <see cref="HeatmapBoxExtractor"/>).</param>
    public ThresholdSweep(int height, int width, LocalizationConvention convention = LocalizationConvention.Tight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (convention is not (LocalizationConvention.Tight or LocalizationConvention.WsolEvaluation))
        {
            throw new ArgumentOutOfRangeException(nameof(convention), convention, "Unknown convention.");
        }

        if (height > short.MaxValue || width > short.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(height), "Heatmaps are limited to 32767 pixels a side.");
        }

        _height = height;
        _width = width;
        Convention = convention;
        _stride = width + 2;
        int padded = (height + 2) * _stride;
        int st = _stride;
        _neighbours8 = [-st - 1, -st, -st + 1, -1, 1, st - 1, st, st + 1];
        _neighbours4 = [-st, -1, 1, st];
        _forest = new ComponentForest(padded);

        int pixels = height * width;
        _xOf = new short[pixels];
        _yOf = new short[pixels];
        _nodeOf = new int[pixels];
        for (int i = 0; i < pixels; i++)
        {
            _xOf[i] = (short)(i % width);
            _yOf[i] = (short)(i / width);
            _nodeOf[i] = (i / width + 1) * _stride + i % width + 1;
        }

        _windowCount = new byte[Math.Max(0, (height - 1) * (width - 1))];
        _levels = new byte[pixels];
        _entry = new int[pixels];
        _fillEntry = new int[pixels];
        _order = new int[pixels];
        _bucketStart = new int[258];
        _queueNext = new int[pixels];
    }

    /// <summary>Rows of the heatmaps this sweep takes.</summary>
    public int Height => _height;

    /// <summary>Columns of the heatmaps this sweep takes.</summary>
    public int Width => _width;

    /// <summary>The conventions the sweep applies.</summary>
    public LocalizationConvention Convention { get; }

    /// <summary>
    /// Writes into <paramref name="bestIoU"/>[i] the best IoU, over the boxes that <paramref name="mode"/> gives at
    /// <paramref name="thresholds"/>[i] and over the ground-truth boxes, for one heatmap.
    /// </summary>
    /// <param name="heatmap">Row-major map of <see cref="Height"/> x <see cref="Width"/> values (normalised to [0, 1] for the wsolevaluation convention).</param>
    /// <param name="groundTruth">The image's ground-truth boxes (an image is localised when any of them is matched); none gives IoU 0.</param>
    /// <param name="thresholds">The thresholds t, in any order, repeats allowed (e.g. <see cref="LocalizationThresholds.WsolEvaluation"/>).</param>
    /// <param name="mode">Which boxes compete.</param>
    /// <param name="bestIoU">Receives one IoU per threshold.</param>
    /// <exception cref="ArgumentException">A length does not match or a threshold is NaN.</exception>
    public void Run(ReadOnlySpan<float> heatmap, ReadOnlySpan<BoundingBox> groundTruth, ReadOnlySpan<double> thresholds, BoxMode mode, Span<double> bestIoU)
    {
        switch (mode)
        {
            case BoxMode.AllForeground:
                Run(heatmap, groundTruth, thresholds, bestIoU, [], []);
                break;
            case BoxMode.LargestComponent:
                Run(heatmap, groundTruth, thresholds, [], bestIoU, []);
                break;
            case BoxMode.AllContours:
                Run(heatmap, groundTruth, thresholds, [], [], bestIoU);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown box mode.");
        }
    }

    // Long because: the argument checks, the cut ordering and the three mode outputs share spans that cannot be fields
    // (ref structs) and would otherwise be passed to helpers by the half-dozen.
    /// <summary>
    /// The best IoU per threshold for several box modes at once, sharing the work; pass an empty span for a mode that is
    /// not wanted, otherwise a span with one element per threshold.
    /// </summary>
    /// <param name="heatmap">Row-major map of <see cref="Height"/> x <see cref="Width"/> values.</param>
    /// <param name="groundTruth">The image's ground-truth boxes.</param>
    /// <param name="thresholds">The thresholds t, in any order.</param>
    /// <param name="allForeground">Receives the IoUs for <see cref="BoxMode.AllForeground"/>, or is empty.</param>
    /// <param name="largestComponent">Receives the IoUs for <see cref="BoxMode.LargestComponent"/>, or is empty.</param>
    /// <param name="allContours">Receives the IoUs for <see cref="BoxMode.AllContours"/>, or is empty.</param>
    /// <exception cref="ArgumentException">A length does not match or a threshold is NaN.</exception>
    public void Run(
        ReadOnlySpan<float> heatmap, ReadOnlySpan<BoundingBox> groundTruth, ReadOnlySpan<double> thresholds,
        Span<double> allForeground, Span<double> largestComponent, Span<double> allContours)
    {
        if (heatmap.Length != _width * _height)
        {
            throw new ArgumentException($"The heatmap holds {heatmap.Length} values, expected {_height} x {_width}.", nameof(heatmap));
        }

        CheckOutput(allForeground, thresholds.Length, nameof(allForeground));
        CheckOutput(largestComponent, thresholds.Length, nameof(largestComponent));
        CheckOutput(allContours, thresholds.Length, nameof(allContours));
        foreach (double t in thresholds)
        {
            ThresholdRules.CheckThreshold(t, nameof(thresholds));
        }

        if (thresholds.Length == 0)
        {
            return;
        }

        SetGroundTruth(groundTruth);
        bool wsol = Convention == LocalizationConvention.WsolEvaluation;

        // Distinct cuts, strictest first; stepOf[i] is the step of threshold i.
        Span<int> stepOf = thresholds.Length <= 512 ? stackalloc int[thresholds.Length] : new int[thresholds.Length];
        int steps = wsol ? PrepareQuantized(heatmap, thresholds, stepOf) : PrepareFloat(heatmap, thresholds, stepOf);

        Span<double> foregroundBest = steps <= 256 ? stackalloc double[steps] : new double[steps];
        Span<double> componentBest = steps <= 256 ? stackalloc double[steps] : new double[steps];
        Span<double> largestBest = steps <= 256 ? stackalloc double[steps] : new double[steps];
        Span<double> holeBest = steps <= 256 ? stackalloc double[steps] : new double[steps];

        bool wantForeground = !allForeground.IsEmpty;
        bool wantLargest = !largestComponent.IsEmpty;
        bool wantComponents = !allContours.IsEmpty;

        // One pass over the real foreground gives the hull, every component, and (tight) the largest by pixel count.
        if (wantForeground || wantComponents || (wantLargest && !wsol))
        {
            ForegroundPass(_entry, steps, trackArea: false, wsol,
                wantForeground ? foregroundBest : [], wantComponents ? componentBest : [], wantLargest && !wsol ? largestBest : []);
        }

        if (wsol && wantComponents)
        {
            HolePass(steps, holeBest);
        }

        if (wsol && wantLargest)
        {
            FillEntries(steps);
            ForegroundPass(_fillEntry, steps, trackArea: true, wsol, [], [], largestBest);
        }

        for (int i = 0; i < thresholds.Length; i++)
        {
            int k = stepOf[i];
            if (wantForeground)
            {
                allForeground[i] = foregroundBest[k];
            }

            if (wantLargest)
            {
                largestComponent[i] = largestBest[k];
            }

            if (wantComponents)
            {
                allContours[i] = wsol ? Math.Max(componentBest[k], holeBest[k]) : componentBest[k];
            }
        }
    }

    private static void CheckOutput(Span<double> output, int thresholds, string name)
    {
        if (!output.IsEmpty && output.Length != thresholds)
        {
            throw new ArgumentException($"Expected {thresholds} values or none, got {output.Length}.", name);
        }
    }

    private void SetGroundTruth(ReadOnlySpan<BoundingBox> groundTruth)
    {
        if (_groundTruth.Length < groundTruth.Length)
        {
            _groundTruth = new BoundingBox[groundTruth.Length];
        }

        groundTruth.CopyTo(_groundTruth);
        _groundTruthCount = groundTruth.Length;
    }

    private double BestIoU(BoundingBox box) =>
        BoundingBox.MaxIoU(PredictedBoxMapping is { } map ? map(box) : box, _groundTruth.AsSpan(0, _groundTruthCount));

    private double EmptyForegroundIoU(bool wsol) => wsol ? BestIoU(ThresholdRules.NoContourBox) : 0.0;

    // Quantised map: cut_i = int(t_i * max8); step k admits the levels above the k-th largest distinct cut.
    private int PrepareQuantized(ReadOnlySpan<float> heatmap, ReadOnlySpan<double> thresholds, Span<int> stepOf)
    {
        int max8 = 0;
        for (int i = 0; i < heatmap.Length; i++)
        {
            byte level = ThresholdRules.Quantize(heatmap[i]);
            _levels[i] = level;
            if (level > max8)
            {
                max8 = level;
            }
        }

        // Cuts live in [-1, 255]; index cut + 1.
        Span<bool> present = stackalloc bool[257];
        present.Clear();
        foreach (double t in thresholds)
        {
            present[ThresholdRules.QuantizedCut(t, max8) + 1] = true;
        }

        Span<int> stepOfCut = stackalloc int[257];
        int steps = 0;
        for (int c = 256; c >= 0; c--)
        {
            stepOfCut[c] = present[c] ? steps++ : -1;
        }

        for (int i = 0; i < thresholds.Length; i++)
        {
            stepOf[i] = stepOfCut[ThresholdRules.QuantizedCut(thresholds[i], max8) + 1];
        }

        // entryOfLevel[v] = number of distinct cuts >= v: the first step whose cut v exceeds.
        Span<int> entryOfLevel = stackalloc int[256];
        int atLeast = 0;
        for (int c = 256; c >= 0; c--)
        {
            int cut = c - 1;
            if (present[c])
            {
                atLeast++;
            }

            if (cut >= 0 && cut <= 255)
            {
                entryOfLevel[cut] = atLeast;
            }
        }

        for (int i = 0; i < heatmap.Length; i++)
        {
            _entry[i] = entryOfLevel[_levels[i]];
        }

        return steps;
    }

    // Float map: cut_i = t_i * max over the finite values; step k admits the values above the k-th largest distinct cut.
    private int PrepareFloat(ReadOnlySpan<float> heatmap, ReadOnlySpan<double> thresholds, Span<int> stepOf)
    {
        var cuts = new double[thresholds.Length];
        bool anyFinite = ThresholdRules.TryFiniteMax(heatmap, out double max);
        for (int i = 0; i < thresholds.Length; i++)
        {
            cuts[i] = anyFinite ? ThresholdRules.FloatCut(thresholds[i], max) : 0.0;
        }

        // Distinct cuts in descending order; a threshold's step is its cut's position there.
        var distinct = (double[])cuts.Clone();
        Array.Sort(distinct);
        Array.Reverse(distinct);
        int unique = 0;
        for (int i = 0; i < distinct.Length; i++)
        {
            if (unique == 0 || distinct[i] != distinct[unique - 1])
            {
                distinct[unique++] = distinct[i];
            }
        }

        for (int i = 0; i < thresholds.Length; i++)
        {
            stepOf[i] = CountAtLeast(distinct, unique, cuts[i]) - 1;
        }

        int steps = unique;
        for (int i = 0; i < heatmap.Length; i++)
        {
            float v = heatmap[i];
            _entry[i] = anyFinite && float.IsFinite(v) ? CountAtLeast(distinct, steps, v) : steps;
        }

        return steps;
    }

    // Number of leading values >= v in a descending array: for a pixel value, the first step at which v > cut.
    private static int CountAtLeast(double[] descending, int length, double v)
    {
        if (length == 0)
        {
            return 0;
        }

        // Branch-free lower bound: the comparisons are unpredictable, so a conditional move beats a branch.
        int lo = 0, n = length;
        while (n > 1)
        {
            int half = n >> 1;
            lo = descending[lo + half] >= v ? lo + half : lo;
            n -= half;
        }

        return lo + (descending[lo] >= v ? 1 : 0);
    }

    // Counting sort of pixels by entry step (0..steps, where steps = never in the foreground).
    private void Bucket(int[] entry, int steps)
    {
        if (_bucketStart.Length < steps + 2)
        {
            _bucketStart = new int[steps + 2];
        }

        int[] start = _bucketStart;
        Array.Clear(start, 0, steps + 2);
        int pixels = _width * _height;
        for (int i = 0; i < pixels; i++)
        {
            start[entry[i] + 1]++;
        }

        for (int k = 1; k <= steps + 1; k++)
        {
            start[k] += start[k - 1];
        }

        Span<int> fill = steps + 1 <= 512 ? stackalloc int[steps + 1] : new int[steps + 1];
        for (int k = 0; k <= steps; k++)
        {
            fill[k] = start[k];
        }

        for (int i = 0; i < pixels; i++)
        {
            _order[fill[entry[i]]++] = i;
        }
    }

    private BoundingBox ComponentBox(in ComponentStats c, bool wsol) => wsol
        ? ThresholdRules.WsolBox(c.MinX, c.MinY, c.MaxX, c.MaxY, _width, _height)
        : new BoundingBox(c.MinX, c.MinY, c.MaxX, c.MaxY);

    private double ComponentIoU(int root, bool wsol)
    {
        ref var c = ref _forest.Stats(root);
        if (double.IsNaN(c.IoU))
        {
            c.IoU = BestIoU(ComponentBox(c, wsol));
        }

        return c.IoU;
    }

    // Long because: the inner loop over pixels keeps the union-find, the hull and the largest-component bookkeeping in
    // locals; split into calls, a dozen of them would travel through every call of the per-pixel loop.
    /// <summary>
    /// Adds pixels by entry step through an 8-connected union-find and records, after each step, the hull's IoU, the best
    /// component IoU, and the IoU of the largest component (by pixel count, earliest first pixel on a tie; or, with
    /// <paramref name="trackArea"/>, by polygon area, latest first pixel on a tie).
    /// </summary>
    private void ForegroundPass(int[] entry, int steps, bool trackArea, bool wsol, Span<double> hullOut, Span<double> componentOut, Span<double> largestOut)
    {
        Bucket(entry, steps);
        var forest = _forest;
        forest.Reset(withOutside: false);
        if (trackArea)
        {
            Array.Clear(_windowCount);
        }

        int hullMinX = int.MaxValue, hullMinY = int.MaxValue, hullMaxX = -1, hullMaxY = -1;
        double emptyIoU = EmptyForegroundIoU(wsol);
        int[] neighbours = _neighbours8;
        int windowsPerRow = _width - 1;
        int cursor = 0;
        for (int k = 0; k < steps; k++)
        {
            int end = _bucketStart[k + 1];
            for (; cursor < end; cursor++)
            {
                int pixel = _order[cursor];
                int x = _xOf[pixel], y = _yOf[pixel];
                int node = _nodeOf[pixel];
                int root = forest.Add(node, x, y, pixel, neighbours);
                if (trackArea)
                {
                    // Every pixel of a 2x2 window is 8-adjacent to the others, so the window belongs to this component.
                    int added = 0;
                    for (int wy = y - 1; wy <= y; wy++)
                    {
                        if ((uint)wy >= (uint)(_height - 1))
                        {
                            continue;
                        }

                        for (int wx = x - 1; wx <= x; wx++)
                        {
                            if ((uint)wx >= (uint)windowsPerRow)
                            {
                                continue;
                            }

                            if (++_windowCount[wy * windowsPerRow + wx] >= 3)
                            {
                                added++;
                            }
                        }
                    }

                    forest.Stats(root).TwiceArea += added;
                }

                hullMinX = Math.Min(hullMinX, x);
                hullMinY = Math.Min(hullMinY, y);
                hullMaxX = Math.Max(hullMaxX, x);
                hullMaxY = Math.Max(hullMaxY, y);
            }

            if (!hullOut.IsEmpty)
            {
                hullOut[k] = hullMaxX < 0
                    ? emptyIoU
                    : BestIoU(wsol
                        ? ThresholdRules.WsolBox(hullMinX, hullMinY, hullMaxX, hullMaxY, _width, _height)
                        : new BoundingBox(hullMinX, hullMinY, hullMaxX, hullMaxY));
            }

            if (!componentOut.IsEmpty)
            {
                double best = forest.LiveCount == 0 ? emptyIoU : 0.0;
                for (int i = 0; i < forest.LiveCount; i++)
                {
                    double iou = ComponentIoU(forest.LiveRoot(i), wsol);
                    if (iou > best)
                    {
                        best = iou;
                    }
                }

                componentOut[k] = best;
            }

            if (!largestOut.IsEmpty)
            {
                largestOut[k] = forest.LiveCount == 0 ? emptyIoU : ComponentIoU(Largest(trackArea), wsol);
            }
        }
    }

    private int Largest(bool byArea)
    {
        var forest = _forest;
        int best = forest.LiveRoot(0);
        for (int i = 1; i < forest.LiveCount; i++)
        {
            int r = forest.LiveRoot(i);
            ref readonly var c = ref forest.Stats(r);
            ref readonly var b = ref forest.Stats(best);
            bool better = byArea
                // OpenCV lists the top-level border found last first; Python's max keeps the first of equal areas.
                ? c.TwiceArea > b.TwiceArea || (c.TwiceArea == b.TwiceArea && c.First > b.First)
                : c.Count > b.Count || (c.Count == b.Count && c.First < b.First);
            if (better)
            {
                best = r;
            }
        }

        return best;
    }

    /// <summary>
    /// Background pixels (entry &gt; k) are added from the loosest step back to the strictest through a 4-connected
    /// union-find in which every border pixel joins the outside node; after each step the live components are the holes.
    /// </summary>
    private void HolePass(int steps, Span<double> holeOut)
    {
        Bucket(_entry, steps);
        var forest = _forest;
        forest.Reset(withOutside: true);
        int[] neighbours = _neighbours4;
        for (int k = steps - 1; k >= 0; k--)
        {
            // Pixels whose entry is k + 1 turn to background when going from step k + 1 back to step k.
            int begin = _bucketStart[k + 1], end = _bucketStart[k + 2];
            for (int cursor = begin; cursor < end; cursor++)
            {
                int pixel = _order[cursor];
                int x = _xOf[pixel], y = _yOf[pixel];
                int node = _nodeOf[pixel];
                int root = forest.Add(node, x, y, pixel, neighbours);
                if (x == 0 || y == 0 || x == _width - 1 || y == _height - 1)
                {
                    forest.Link(root, forest.Outside);
                }
            }

            double best = 0.0;
            for (int i = 0; i < forest.LiveCount; i++)
            {
                ref var hole = ref forest.Stats(forest.LiveRoot(i));
                if (double.IsNaN(hole.IoU))
                {
                    hole.IoU = BestIoU(ThresholdRules.WsolHoleBox(hole.MinX, hole.MinY, hole.MaxX, hole.MaxY, _width, _height));
                }

                if (hole.IoU > best)
                {
                    best = hole.IoU;
                }
            }

            holeOut[k] = best;
        }
    }

    /// <summary>
    /// The step from which each pixel is no longer connected to the image border through background (4-connected):
    /// the max over paths to the border of the min entry along the path, by a priority flood from the border.
    /// </summary>
    private void FillEntries(int steps)
    {
        int[] entry = _entry, fill = _fillEntry, next = _queueNext;
        int pixels = _width * _height;
        Array.Fill(fill, Inactive);
        Span<int> head = steps + 1 <= 512 ? stackalloc int[steps + 1] : new int[steps + 1];
        head.Fill(Inactive);
        for (int i = 0; i < pixels; i++)
        {
            int x = _xOf[i], y = _yOf[i];
            if (x == 0 || y == 0 || x == _width - 1 || y == _height - 1)
            {
                fill[i] = entry[i];
                next[i] = head[entry[i]];
                head[entry[i]] = i;
            }
        }

        for (int level = steps; level >= 0; level--)
        {
            while (head[level] != Inactive)
            {
                int p = head[level];
                head[level] = next[p];
                int x = _xOf[p], y = _yOf[p];
                for (int n = 0; n < 4; n++)
                {
                    int nx = x + (n == 0 ? -1 : n == 1 ? 1 : 0);
                    int ny = y + (n == 2 ? -1 : n == 3 ? 1 : 0);
                    if ((uint)nx >= (uint)_width || (uint)ny >= (uint)_height)
                    {
                        continue;
                    }

                    int q = ny * _width + nx;
                    if (fill[q] != Inactive)
                    {
                        continue;
                    }

                    int value = Math.Min(level, entry[q]);
                    fill[q] = value;
                    next[q] = head[value];
                    head[value] = q;
                }
            }
        }
    }
}
