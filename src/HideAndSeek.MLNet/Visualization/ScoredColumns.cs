using HideAndSeek.Boxes;
using HideAndSeek.DataViews;
using HideAndSeek.Photos;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Visualization;

/// <summary>
/// The columns of scored data that the localisation panels read, checked against the schema once: the pixels and the
/// heatmap are required, everything else is drawn only when present.
/// </summary>
internal sealed class ScoredColumns
{

    private ScoredColumns(DataViewSchema.Column pixels, DataViewSchema.Column heatmap, int height, int width)
    {
        Pixels = pixels;
        Heatmap = heatmap;
        Height = height;
        Width = width;
    }

    public DataViewSchema.Column Pixels { get; }

    public DataViewSchema.Column Heatmap { get; }

    public DataViewSchema.Column? Label { get; private init; }

    public DataViewSchema.Column? PredictedLabel { get; private init; }

    public DataViewSchema.Column? Score { get; private init; }

    public DataViewSchema.Column? Box { get; private init; }

    public DataViewSchema.Column? PredictedBox { get; private init; }

    /// <summary>The photo geometry: ground-truth boxes are then in the photo's pixels.</summary>
    public DataViewSchema.Column? PhotoGeometry { get; private init; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Class names of the label key in key order, or null when the key has no text names.</summary>
    public string[]? LabelNames { get; private init; }

    /// <summary>Class names of the predicted key in key order (the label's when it has none), or null.</summary>
    public string[]? PredictedNames { get; private init; }

    /// <summary>Display names by class key value (<see cref="VisualizationOptions.ClassNames"/>), or null.</summary>
    public IReadOnlyDictionary<string, string>? ClassNames { get; private init; }

    /// <summary>Where the predicted boxes come from: the heatmap at a threshold, or the <see cref="PredictedBox"/> column.</summary>
    public required PanelBoxRule BoxRule { get; init; }

    /// <summary>Whether rows have predicted boxes (drawn at a threshold, or read from the column).</summary>
    public bool HasPredictedBoxes => BoxRule.Threshold is not null || PredictedBox is not null;

    /// <summary>Every column a panel reads.</summary>
    public IEnumerable<DataViewSchema.Column> All =>
        new[] { Pixels, Heatmap, Label, PredictedLabel, Score, Box, BoxRule.Threshold is null ? PredictedBox : null, Box is null ? null : PhotoGeometry }.OfType<DataViewSchema.Column>();

    /// <summary>The columns <see cref="BindIoU"/> reads.</summary>
    public IEnumerable<DataViewSchema.Column> IoUColumns =>
        new[] { Box, BoxRule.Threshold is null ? PredictedBox : Heatmap, PhotoGeometry }.OfType<DataViewSchema.Column>();

    public static ScoredColumns Resolve(DataViewSchema schema, VisualizationOptions o, PanelBoxRule boxRule)
    {
        var pixels = schema.GetColumnOrNull(o.PixelColumnName)
            ?? throw Error($"pixel column '{o.PixelColumnName}' not found; expected 3 x H x W floats from ExtractPixels.");
        if (pixels.Type is not VectorDataViewType { IsKnownSize: true } pixelType || pixelType.ItemType != NumberDataViewType.Single || pixelType.Size % 3 != 0)
            throw Error($"pixel column '{pixels.Name}' has type {pixels.Type}; expected Vector<Single, 3, H, W> from ExtractPixels (RGB).");
        var heatmap = schema.GetColumnOrNull(o.HeatmapColumnName)
            ?? throw Error($"heatmap column '{o.HeatmapColumnName}' not found; score the data with a pipeline ending in LocalizeWithCam.");
        if (heatmap.Type is not VectorDataViewType { IsKnownSize: true } heatType || heatType.ItemType != NumberDataViewType.Single)
            throw Error($"heatmap column '{heatmap.Name}' has type {heatmap.Type}; expected Vector<Single, H*W>.");
        if (heatType.Size * 3 != pixelType.Size)
            throw Error($"heatmap column '{heatmap.Name}' holds {heatType.Size} values but the image '{pixels.Name}' has {pixelType.Size / 3} pixels.");
        var (height, width) = ImageSize(pixelType, heatmap.Name, heatType.Size);

        var label = Optional(schema, o.LabelColumnName);
        if (label is { } l && !IsUInt32Key(l.Type) && l.Type is not TextDataViewType)
            throw Error($"label column '{l.Name}' has type {l.Type}; expected a UInt32 key (MapValueToKey) or text.");
        var predicted = Optional(schema, o.PredictedLabelColumnName);
        if (predicted is { } p && !IsUInt32Key(p.Type))
            throw Error($"predicted label column '{p.Name}' has type {p.Type}; expected a UInt32 key.");
        var score = Optional(schema, o.ScoreColumnName);
        if (score is { } s && (s.Type is not VectorDataViewType scoreType || scoreType.ItemType != NumberDataViewType.Single))
            throw Error($"score column '{s.Name}' has type {s.Type}; expected a Single vector of class probabilities.");
        var box = Optional(schema, o.BoxColumnName);
        CheckBoxColumn(box, "box");
        var predictedBox = Optional(schema, o.PredictedBoxColumnName);
        CheckBoxColumn(predictedBox, "predicted box");

        var labelNames = Display(label is { Type: KeyDataViewType } ? KeyValueNames.Read(label.Value) : null, o.ClassNames);
        var predictedNames = predicted is { } pc ? Display(KeyValueNames.Read(pc), o.ClassNames) ?? labelNames : labelNames;
        return new ScoredColumns(pixels, heatmap, height, width)
        {
            Label = label,
            PredictedLabel = predicted,
            Score = score,
            Box = box,
            PredictedBox = predictedBox,
            PhotoGeometry = schema.GetColumnOrNull(o.PhotoGeometryColumnName) is { Type: VectorDataViewType { Size: 3 } } geometry ? geometry : null,
            BoxRule = boxRule,
            LabelNames = labelNames,
            PredictedNames = predictedNames,
            ClassNames = o.ClassNames,
        };
    }

    /// <summary>Reads the current row of a cursor that has every column of <see cref="All"/> active.</summary>
    public Func<PanelRow> BindRow(DataViewRowCursor cursor)
    {
        var pixels = cursor.GetGetter<VBuffer<float>>(Pixels);
        var heatmap = cursor.GetGetter<VBuffer<float>>(Heatmap);
        var labelName = LabelGetter(cursor);
        var predictedKey = PredictedLabel is { } p ? cursor.GetGetter<uint>(p) : null;
        var score = Score is { } s ? cursor.GetGetter<VBuffer<float>>(s) : null;
        var boxes = BindBoxes(cursor);
        var predictedBoxes = BindPredictedBoxes(cursor);
        VBuffer<float> pixelBuffer = default, heatmapBuffer = default, scoreBuffer = default;
        return () =>
        {
            pixels(ref pixelBuffer);
            heatmap(ref heatmapBuffer);
            var pixelValues = Dense(pixelBuffer, 3 * Height * Width, Pixels.Name, cursor.Position);
            var heatValues = Dense(heatmapBuffer, Height * Width, Heatmap.Name, cursor.Position);

            string? predictedName = null;
            float? probability = null;
            float[]? probabilities = null;
            if (score is not null)
            {
                score(ref scoreBuffer);
                probabilities = scoreBuffer.DenseValues().ToArray();
            }
            int predictedIndex = -1;
            if (predictedKey is not null)
            {
                uint key = 0;
                predictedKey(ref key);
                predictedIndex = (int)key - 1;
            }
            else if (probabilities is { Length: > 0 })
            {
                predictedIndex = Array.IndexOf(probabilities, probabilities.Max()); // no PredictedLabel: the top score
            }
            if (predictedIndex >= 0)
            {
                predictedName = ClassName(PredictedNames, predictedIndex);
                if (probabilities is not null && predictedIndex < probabilities.Length)
                    probability = probabilities[predictedIndex];
            }
            return new PanelRow(cursor.Position, pixelValues, heatValues, labelName?.Invoke(), predictedName, probability,
                boxes?.Invoke() ?? [], predictedBoxes?.Invoke());
        };
    }

    /// <summary>Reads the IoU of the current row (the cursor needs <see cref="IoUColumns"/> active).</summary>
    public Func<double?> BindIoU(DataViewRowCursor cursor)
    {
        var boxes = BindBoxes(cursor) ?? throw new InvalidOperationException("No box column.");
        var predicted = BindPredictedBoxes(cursor) ?? throw new InvalidOperationException("No predicted box column.");
        return () => PanelIoU.Of(boxes(), predicted());
    }

    private Func<string?>? LabelGetter(DataViewRowCursor cursor)
    {
        if (Label is not { } label)
            return null;
        if (label.Type is TextDataViewType)
        {
            var text = cursor.GetGetter<ReadOnlyMemory<char>>(label);
            ReadOnlyMemory<char> value = default;
            return () =>
            {
                text(ref value);
                var key = value.ToString();
                return ClassNames is not null && ClassNames.TryGetValue(key, out var name) ? name : key;
            };
        }
        var key = cursor.GetGetter<uint>(label);
        return () =>
        {
            uint value = 0;
            key(ref value);
            return value == 0 ? null : ClassName(LabelNames, (int)value - 1);
        };
    }

    private Func<BoundingBox[]>? BindBoxes(DataViewRowCursor cursor)
    {
        if (Box is not { } column)
            return null;
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var geometryGetter = PhotoGeometry is { } g ? cursor.GetGetter<VBuffer<float>>(g) : null;
        VBuffer<float> buffer = default, geometry = default;
        return () =>
        {
            getter(ref buffer);
            var values = buffer.DenseValues().ToArray();
            PhotoFrame? photo = null;
            if (geometryGetter is not null)
            {
                geometryGetter(ref geometry);
                photo = PhotoFrame.FromGeometry(geometry.DenseValues().ToArray(), Width, Height);
            }
            var boxes = new List<BoundingBox>(values.Length / 4);
            for (int i = 0; i + 4 <= values.Length; i += 4)
            {
                // Ground truth in the photo's pixels is drawn where the resize put it in the network's.
                var box = photo is null ? ReadBox(values.AsSpan(i, 4)) : ReadBox(values.AsSpan(i, 4), photo);
                if (box is { } b && !b.IsEmpty)
                    boxes.Add(b);
            }
            return boxes.ToArray();
        };
    }

    // The predicted boxes of the current row, none for an empty prediction; null when the data gives none.
    private Func<BoundingBox[]>? BindPredictedBoxes(DataViewRowCursor cursor)
    {
        if (BoxRule.Threshold is not null)
        {
            var heatmap = cursor.GetGetter<VBuffer<float>>(Heatmap);
            VBuffer<float> map = default;
            return () =>
            {
                heatmap(ref map);
                return BoxRule.Boxes(Dense(map, Height * Width, Heatmap.Name, cursor.Position), Height, Width);
            };
        }
        if (PredictedBox is not { } column)
            return null;
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> buffer = default;
        return () =>
        {
            getter(ref buffer);
            var values = buffer.DenseValues().ToArray();
            var box = values.Length >= 4 ? ReadBox(values.AsSpan(0, 4)) ?? BoundingBox.Empty : BoundingBox.Empty;
            return box.IsEmpty ? [] : [box];
        };
    }

    private BoundingBox? ReadBox(ReadOnlySpan<float> xyxy, PhotoFrame photo)
    {
        foreach (var v in xyxy)
        {
            if (!float.IsFinite(v) || Math.Abs(v) > 1e9f)
                return null;
        }
        return photo.ToNetwork(BoundingBox.FromFloats(xyxy).Clip(photo.PhotoWidth, photo.PhotoHeight));
    }

    // Missing (NaN or infinite) coordinates mean "no box"; boxes reaching outside the image are cut to it.
    private BoundingBox? ReadBox(ReadOnlySpan<float> xyxy)
    {
        foreach (var v in xyxy)
        {
            if (!float.IsFinite(v) || Math.Abs(v) > 1e9f)
                return null;
        }
        return BoundingBox.FromFloats(xyxy).Clip(Width, Height);
    }

    private static float[] Dense(VBuffer<float> buffer, int length, string column, long row)
    {
        var values = buffer.DenseValues().ToArray();
        if (values.Length != length)
            throw new InvalidOperationException($"Localization visualizer: row {row} of '{column}' holds {values.Length} values, expected {length}.");
        return values;
    }

    private static string[]? Display(string[]? keys, IReadOnlyDictionary<string, string>? names) =>
        keys is null || names is null ? keys : keys.Select(k => names.TryGetValue(k, out var name) ? name : k).ToArray();

    private static string ClassName(string[]? names, int index) =>
        names is not null && index >= 0 && index < names.Length ? names[index] : $"class {index}";

    private static (int Height, int Width) ImageSize(VectorDataViewType pixels, string heatmap, int plane)
    {
        if (pixels.Dimensions.Length == 3 && pixels.Dimensions[0] == 3)
            return (pixels.Dimensions[1], pixels.Dimensions[2]);
        int side = (int)Math.Round(Math.Sqrt(plane));
        if (side * side != plane)
            throw Error($"cannot tell the image size: the pixel column has no C x H x W dimensions and heatmap '{heatmap}' ({plane} values) is not square.");
        return (side, side);
    }

    private static bool IsUInt32Key(DataViewType type) => type is KeyDataViewType key && key.RawType == typeof(uint);

    private static DataViewSchema.Column? Optional(DataViewSchema schema, string name) => schema.GetColumnOrNull(name);

    private static void CheckBoxColumn(DataViewSchema.Column? column, string what)
    {
        if (column is { } c && (c.Type is not VectorDataViewType type || type.ItemType != NumberDataViewType.Single))
            throw Error($"{what} column '{c.Name}' has type {c.Type}; expected Single vectors of 4 values per box (xmin, ymin, xmax, ymax).");
    }

    private static ArgumentOutOfRangeException Error(string message) => new("scored", "Localization visualizer: " + message);
}
