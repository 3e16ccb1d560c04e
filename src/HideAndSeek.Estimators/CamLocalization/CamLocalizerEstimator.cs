using HideAndSeek.DataViews;
using HideAndSeek.GapClassifier;
using HideAndSeek.ModelFormat;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.CamLocalization;

/// <summary>
/// Creates a <see cref="CamLocalizer"/> for the GAP classifier before it in the pipeline (found through its feature
/// map column) or for a classifier given explicitly. Create it with <c>ml.Transforms.LocalizeWithCam(...)</c>.
/// </summary>
public sealed class CamLocalizerEstimator : IEstimator<CamLocalizer>
{
    private readonly CamLocalizerOptions _options;
    private readonly GapClassifierTransformer? _classifier;

    internal CamLocalizerEstimator(CamLocalizerOptions options, GapClassifierTransformer? classifier = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        _options = options.Clone();
        _classifier = classifier;
    }

    /// <summary>Binds the localiser to the classifier and the label column of <paramref name="input"/>.</summary>
    public CamLocalizer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var schema = input.Schema;
        var classifier = _classifier?.Runtime ?? FindClassifier(schema);
        bool hasLabel = _options.LabelColumnName is { } labelName && schema.GetColumnOrNull(labelName) is not null;
        if (_options.ClassSelection == CamClassSelection.GroundTruth && !hasLabel)
        {
            throw new ArgumentOutOfRangeException(nameof(input),
                $"{CamLocalizer.ComponentName}: ClassSelection = GroundTruth needs the label column '{_options.LabelColumnName}', which the data does not have.");
        }
        if (hasLabel)
            CheckLabel(schema, _options.LabelColumnName!, classifier.Description.ClassNames);
        var description = new LocalizerDescription(classifier.Description.ClassNames, classifier.FeatureChannels,
            classifier.FeatureHeight, classifier.FeatureWidth, classifier.Description.Height, classifier.Description.Width,
            _options.Threshold, _options.BoxMode, _options.Convention, _options.Upsampling, _options.ClassSelection,
            _options.TopK > 1 ? Math.Min(_options.TopK, classifier.NumClasses) : 0, GroundTruthHeatmap: hasLabel,
            _options.MultiCrop, _options.CropFraction, _options.MultiCrop ? classifier.ModelId : null);
        var runtime = new CamLocalizerRuntime(description, classifier.ClassifierWeights.ToArray(), Guid.NewGuid().ToString("N"),
            _options.MultiCrop ? classifier : null);
        return new CamLocalizer(runtime, _options, chain: null, schema);
    }

    /// <summary>The schema after the localiser: heatmap, box, class and the optional heatmap columns.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        foreach (var column in new[] { _options.FeatureMapColumnName, _options.ScoreColumnName })
        {
            if (!inputSchema.Any(c => c.Name == column))
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"{CamLocalizer.ComponentName}: input column '{column}' not found; append LocalizeWithCam after GapClassifier.");
        }
        var vectors = new List<string> { _options.HeatmapColumnName, _options.BoxColumnName };
        if (_options.LabelColumnName is { } label && inputSchema.Any(c => c.Name == label))
            vectors.Add(_options.GroundTruthHeatmapColumnName);
        var shape = DataViews.OutputShapes.Add(inputSchema, vectors, new[] { _options.CamClassColumnName });
        if (_options.TopK > 1)
            shape = DataViews.OutputShapes.Add(shape, new[] { _options.TopKHeatmapsColumnName }, Array.Empty<string>());
        if (inputSchema.Any(c => c.Name == _options.PhotoGeometryColumnName))
            shape = DataViews.OutputShapes.Add(shape, new[] { _options.PhotoBoxColumnName }, Array.Empty<string>());
        if (_options.MultiCrop)
            shape = DataViews.OutputShapes.Add(shape, new[] { _options.MultiCropScoreColumnName }, new[] { _options.MultiCropPredictedLabelColumnName });
        return shape;
    }

    internal static void Validate(CamLocalizerOptions o)
    {
        if (!(o.Threshold >= 0 && o.Threshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(o.Threshold), $"Threshold must be in [0, 1], got {o.Threshold}.");
        if (!(o.CropFraction > 0 && o.CropFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(o.CropFraction), $"CropFraction must be in (0, 1], got {o.CropFraction}.");
        if (o.TopK < 0)
            throw new ArgumentOutOfRangeException(nameof(o.TopK), "TopK must be >= 0.");
        if (!Enum.IsDefined(o.BoxMode) || !Enum.IsDefined(o.Convention) || !Enum.IsDefined(o.Upsampling) || !Enum.IsDefined(o.ClassSelection))
            throw new ArgumentOutOfRangeException(nameof(o), "Unknown box mode, convention, upsampling mode or class selection.");
    }

    private GapClassifierRuntime FindClassifier(DataViewSchema schema)
    {
        // The classifier that wrote this localiser's feature-map column (its annotation names it), not whichever
        // classifier came last: a pipeline may hold several.
        var features = schema.GetColumnOrNull(_options.FeatureMapColumnName);
        string? id = null;
        if (features is { } column && column.Annotations.Schema.GetColumnOrNull(GapClassifierTransformer.ModelIdAnnotation) is not null)
        {
            ReadOnlyMemory<char> value = default;
            column.Annotations.GetValue(GapClassifierTransformer.ModelIdAnnotation, ref value);
            id = value.ToString();
        }
        return (id is null ? null : ModelRegistry.TryGet<GapClassifierRuntime>(id))
            ?? throw new InvalidOperationException(
                $"{CamLocalizer.ComponentName}: no GAP classifier found before it in the pipeline. Append LocalizeWithCam right after " +
                "GapClassifier, or pass the fitted classifier: ml.Transforms.LocalizeWithCam(classifier, options)" +
                (features is null ? "." : " (a model loaded from a zip gives it through HideAndSeekModel.Find<GapClassifierTransformer>)."));
    }

    private static void CheckLabel(DataViewSchema schema, string labelColumn, string[] classNames)
    {
        var label = schema[labelColumn];
        if (label.Type is not KeyDataViewType key || key.Count != (ulong)classNames.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"{CamLocalizer.ComponentName}: label column '{labelColumn}' has type {label.Type}; expected a key of the classifier's {classNames.Length} classes.");
        }
        if (KeyValueNames.Read(label) is { } names)
        {
            if (!names.SequenceEqual(classNames))
            {
                throw new ArgumentOutOfRangeException(nameof(schema),
                    $"{CamLocalizer.ComponentName}: label column '{labelColumn}' maps keys to other classes than the classifier's " +
                    $"({string.Join(", ", names.Take(3))}... vs {string.Join(", ", classNames.Take(3))}...). Use the same MapValueToKey as for training.");
            }
        }
    }
}
