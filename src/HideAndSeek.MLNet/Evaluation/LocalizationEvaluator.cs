using HideAndSeek.Boxes;
using HideAndSeek.Photos;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Evaluation;

/// <summary>
/// One pass over scored data: every threshold of both protocols is evaluated on the heatmaps as they stream by, so
/// the network runs once however many thresholds are asked for.
/// </summary>
internal sealed class LocalizationEvaluator
{
    private readonly LocalizationEvaluationOptions _o;

    public LocalizationEvaluator(LocalizationEvaluationOptions options)
    {
        Validate(options);
        _o = options;
    }

    public LocalizationMetrics Evaluate(IDataView scored, IDataView? selection)
    {
        var pass = Run(scored, sweep: _o.ComputeMaxBoxAcc, masks: true);
        if (pass.Seed.Count == 0)
            throw new InvalidOperationException("Localization evaluation: no row has a label, so nothing can be evaluated.");
        int selected;
        double fraction;
        long? selectionCount = null;
        if (selection is not null)
        {
            var chooser = Run(selection, sweep: false);
            selectionCount = chooser.Seed.Count;
            selected = BestIndex(chooser.Seed);
            fraction = _o.CentreBoxAreaFraction ?? CentreBoxBaseline.SelectAreaFraction(chooser.Annotations, iouThreshold: _o.IoUThreshold);
        }
        else
        {
            selected = BestIndex(pass.Seed);
            fraction = _o.CentreBoxAreaFraction ?? CentreBoxBaseline.SelectAreaFraction(pass.Annotations, iouThreshold: _o.IoUThreshold);
        }
        var rows = Enumerable.Range(0, _o.Thresholds.Count).Select(i => new ThresholdMetrics(_o.Thresholds[i],
            pass.Seed.GroundTruthKnownLocalization(i), pass.Seed.Top1Localization(i), pass.Seed.Top5Localization(i),
            pass.Extent.ImageShare(i), pass.Extent.BoxRecall(i))).ToList();
        var maxBoxAcc = new SortedDictionary<int, double>();
        var maxBoxAccThresholds = new SortedDictionary<int, double>();
        if (pass.AllContours is { } v2)
        {
            foreach (int d in _o.IoUPercents)
            {
                maxBoxAcc[d] = v2.MaxBoxAcc(d);
                maxBoxAccThresholds[d] = v2.BestThreshold(d);
            }
        }
        double centre = CentreBoxBaseline.Accuracy(pass.Annotations, fraction, _o.IoUThreshold);
        double? centreV2 = pass.AllContours is null ? null : CentreBoxBaseline.MaxBoxAccV2(pass.Annotations, _o.IoUPercents).Value;
        return new LocalizationMetrics(pass.Seed.Count, pass.Seed.Top1Classification, pass.Seed.Top5Classification, rows, selected,
            selection is not null, maxBoxAcc, maxBoxAccThresholds, pass.LargestContour?.MaxBoxAcc(50), pass.LargestContour?.BestThreshold(50),
            centre, fraction, centreV2, _o.MaxBoxAccConvention.ToString(), pass.Extent.GroundTruthShare)
        {
            PixelAveragePrecision = pass.Pixels is { Count: > 0 } pixels ? pixels.AveragePrecision() : null,
            PixelAveragePrecisionImages = pass.Pixels?.Count ?? 0,
            PartMass = pass.Parts?.Shares(),
            SelectionCount = selectionCount,
            BoxMode = _o.BoxMode,
        };
    }

    private static int BestIndex(LocalizationAccuracyAccumulator seed)
    {
        int best = 0;
        for (int i = 1; i < seed.CamThresholds.Count; i++)
        {
            if (seed.GroundTruthKnownLocalization(i) > seed.GroundTruthKnownLocalization(best))
                best = i;
        }
        return best;
    }

    /// <param name="data">Scored rows.</param>
    /// <param name="sweep">Also run the MaxBoxAcc sweep.</param>
    /// <param name="masks">Also accumulate PxAP when the data has the mask column (and part mass with part boxes).</param>
    internal LocalizationPass Run(IDataView data, bool sweep, bool masks = false)
    {
        var c = ReadColumns(data, masks);
        int height = c.Height, width = c.Width;
        var pass = new LocalizationPass(_o, height, width, c.Classes, sweep, pixels: c.Masks is not null, parts: c.PartBox is not null);
        using var cursor = data.GetRowCursor(c.All);
        c.Masks?.Bind(cursor);
        var getLabel = cursor.GetGetter<uint>(c.Label);
        var getScore = cursor.GetGetter<VBuffer<float>>(c.Score);
        var getBox = cursor.GetGetter<VBuffer<float>>(c.Box);
        var getHeatmap = cursor.GetGetter<VBuffer<float>>(c.Heatmap);
        var getGeometry = c.Geometry is null ? null : cursor.GetGetter<VBuffer<float>>(c.Geometry.Value);
        var getPartBox = c.PartBox is null ? null : cursor.GetGetter<VBuffer<float>>(c.PartBox.Value);
        uint key = 0;
        VBuffer<float> scores = default, boxes = default, map = default, photoGeometry = default, partBoxes = default;
        while (cursor.MoveNext())
        {
            getLabel(ref key);
            if (key == 0)
            {
                pass.SkippedWithoutLabel++;
                continue;
            }
            getScore(ref scores);
            getBox(ref boxes);
            getHeatmap(ref map);
            PhotoFrame? photo = null;
            if (getGeometry is not null)
            {
                getGeometry(ref photoGeometry);
                photo = PhotoFrame.FromGeometry(photoGeometry.DenseValues().ToArray(), width, height);
            }
            // With a photo, ground truth is in the photo's pixels.
            int photoWidth = photo?.PhotoWidth ?? width, photoHeight = photo?.PhotoHeight ?? height;
            var truth = ReadBoxes(boxes, photoWidth, photoHeight, cursor.Position);
            var values = map.DenseValues().ToArray();
            if (values.Length != height * width)
                throw new InvalidOperationException($"Localization evaluation: row {cursor.Position}: heatmap '{c.Heatmap.Name}' holds {values.Length} values, expected {height} x {width}.");
            // Min-max normalised as the localiser writes them; other sources (a constant or NaN map) become all zeros.
            HeatmapPreparation.Normalize(values);
            var mask = c.Masks?.Read(cursor.Position, photo is null || photo.IsIdentity ? null : photo);
            BoundingBox[]? parts = null;
            if (getPartBox is not null)
            {
                getPartBox(ref partBoxes);
                parts = partBoxes.Length == 0 ? [] : ReadBoxes(partBoxes, photoWidth, photoHeight, cursor.Position);
            }
            pass.Add((int)key - 1, scores.DenseValues().ToArray(), values, truth, photo, mask, parts);
        }
        return pass;
    }

    /// <summary>The columns a pass reads, each checked for the type evaluation needs.</summary>
    private sealed record PassColumns(DataViewSchema.Column Label, DataViewSchema.Column Score, int Classes, DataViewSchema.Column Box,
        DataViewSchema.Column Heatmap, int Height, int Width, ObjectMaskReader? Masks, DataViewSchema.Column? PartBox, DataViewSchema.Column? Geometry)
    {
        public IEnumerable<DataViewSchema.Column> All => new[] { Label, Score, Box, Heatmap }
            .Concat(Masks is null ? [] : [Masks.Column])
            .Concat(Geometry is { } g ? [g] : [])
            .Concat(PartBox is { } p ? [p] : []);
    }

    private PassColumns ReadColumns(IDataView data, bool masks)
    {
        var schema = data.Schema;
        var label = Column(schema, _o.LabelColumnName, "the key label");
        if (label.Type is not KeyDataViewType labelType)
            throw new ArgumentOutOfRangeException(nameof(data), $"Localization evaluation: label column '{label.Name}' has type {label.Type}; expected a key (MapValueToKey).");
        var score = Column(schema, _o.ScoreColumnName, "the class probabilities");
        int classes = score.Type is VectorDataViewType { IsKnownSize: true } sv && sv.ItemType == NumberDataViewType.Single ? sv.Size
            : throw new ArgumentOutOfRangeException(nameof(data), $"Localization evaluation: score column '{score.Name}' has type {score.Type}; expected Vector<Single, K>.");
        if (labelType.Count != (ulong)classes)
            throw new ArgumentOutOfRangeException(nameof(data), $"Localization evaluation: label column '{label.Name}' has {labelType.Count} classes but '{score.Name}' scores {classes}.");
        var box = Column(schema, _o.BoxColumnName, "the ground-truth boxes (4 floats each)");
        if (box.Type is not VectorDataViewType { ItemType: NumberDataViewType } bt || bt.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(data), $"Localization evaluation: box column '{box.Name}' has type {box.Type}; expected Vector<Single, 4> (xmin, ymin, xmax, ymax).");
        var heatmap = Column(schema, _o.GroundTruthHeatmapColumnName,
            "the ground-truth class's heatmap from LocalizeWithCam (fit the localiser on data with the label column)");
        var (height, width) = ImageSize(schema, heatmap);
        var maskReader = masks ? ObjectMaskReader.For(schema, _o.MaskColumnName, height, width) : null;
        var partBox = masks && !string.IsNullOrEmpty(_o.PartBoxColumnName) ? schema.GetColumnOrNull(_o.PartBoxColumnName) : null;
        if (partBox is { } pb && (pb.Type is not VectorDataViewType partType || partType.ItemType != NumberDataViewType.Single))
            throw new ArgumentOutOfRangeException(nameof(data), $"Localization evaluation: part box column '{pb.Name}' has type {pb.Type}; expected a vector of singles (4 per box).");
        var geometry = schema.GetColumnOrNull(_o.PhotoGeometryColumnName);
        if (geometry is { } g && (g.Type is not VectorDataViewType { IsKnownSize: true, Size: 3 } geometryType || geometryType.ItemType != NumberDataViewType.Single))
            throw new ArgumentOutOfRangeException(nameof(data), $"Localization evaluation: photo geometry column '{g.Name}' has type {g.Type}; expected Vector<Single, 3>.");
        return new PassColumns(label, score, classes, box, heatmap, height, width, maskReader, partBox, geometry);
    }

    private static BoundingBox[] ReadBoxes(VBuffer<float> values, int width, int height, long row)
    {
        var floats = values.DenseValues().ToArray();
        if (floats.Length == 0 || floats.Length % 4 != 0)
            throw new InvalidOperationException($"Localization evaluation: row {row}: the box column holds {floats.Length} values; expected 4 per box.");
        var boxes = new BoundingBox[floats.Length / 4];
        for (int i = 0; i < boxes.Length; i++)
        {
            var b = floats.AsSpan(i * 4, 4);
            if (float.IsNaN(b[0]) || float.IsNaN(b[1]) || float.IsNaN(b[2]) || float.IsNaN(b[3]))
                throw new InvalidOperationException($"Localization evaluation: row {row}: box {i} has a NaN coordinate.");
            boxes[i] = BoundingBox.FromFloats(b);
            if (boxes[i].IsEmpty || !boxes[i].IsInside(width, height))
            {
                throw new InvalidOperationException(
                    $"Localization evaluation: row {row}: box ({b[0]}, {b[1]}, {b[2]}, {b[3]}) is not a box inside the {width} x {height} image.");
            }
        }
        return boxes;
    }

    private (int Height, int Width) ImageSize(DataViewSchema schema, DataViewSchema.Column heatmap)
    {
        if (heatmap.Type is not VectorDataViewType { IsKnownSize: true } ht || ht.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(schema), $"Localization evaluation: heatmap column '{heatmap.Name}' has type {heatmap.Type}; expected Vector<Single, H*W>.");
        (int Height, int Width) size;
        if (_o.ImageSize is { } given)
        {
            size = given;
        }
        else if (schema.GetColumnOrNull(_o.PixelColumnName) is { Type: VectorDataViewType { Dimensions.Length: 3 } pixels })
        {
            size = (pixels.Dimensions[1], pixels.Dimensions[2]);
        }
        else
        {
            int side = (int)Math.Round(Math.Sqrt(ht.Size));
            if (side * side != ht.Size)
                throw new ArgumentOutOfRangeException(nameof(schema), $"Localization evaluation: cannot tell the image size of heatmap '{heatmap.Name}' ({ht.Size} values); set ImageSize.");
            size = (side, side);
        }
        if (size.Height * size.Width != ht.Size)
            throw new ArgumentOutOfRangeException(nameof(schema), $"Localization evaluation: heatmap '{heatmap.Name}' holds {ht.Size} values, not {size.Height} x {size.Width}.");
        return size;
    }

    private static DataViewSchema.Column Column(DataViewSchema schema, string name, string what) =>
        schema.GetColumnOrNull(name)
        ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Localization evaluation: column '{name}' not found; expected {what}.");

    private static void Validate(LocalizationEvaluationOptions o)
    {
        if (o.Thresholds is null || o.Thresholds.Count == 0 || o.Thresholds.Any(t => !(t >= 0 && t <= 1)))
            throw new ArgumentOutOfRangeException(nameof(o.Thresholds), "Thresholds must be a non-empty list of values in [0, 1].");
        if (o.SweepThresholds is null || o.SweepThresholds.Count == 0 || o.SweepThresholds.Any(t => !(t >= 0 && t <= 1)))
            throw new ArgumentOutOfRangeException(nameof(o.SweepThresholds), "SweepThresholds must be a non-empty list of values in [0, 1].");
        if (o.IoUPercents is null || o.IoUPercents.Count == 0 || o.IoUPercents.Any(d => d < 0 || d > 100))
            throw new ArgumentOutOfRangeException(nameof(o.IoUPercents), "IoUPercents must be a non-empty list of values in [0, 100].");
        if (!(o.IoUThreshold >= 0 && o.IoUThreshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(o.IoUThreshold), "IoUThreshold must be in [0, 1].");
        if (!(o.PxapThresholdInterval > 0 && o.PxapThresholdInterval <= 1))
            throw new ArgumentOutOfRangeException(nameof(o.PxapThresholdInterval), "PxapThresholdInterval must be in (0, 1].");
    }
}
