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
        var runtime = new CamLocalizerRuntime(Describe(hasLabel, classifier), _options, classifier.ClassifierWeights.ToArray(),
            Guid.NewGuid().ToString("N"), _options.MultiCrop ? classifier : null);
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
        // The classifier is not known yet: a description without its sizes says which columns a fitted localiser adds.
        bool hasLabel = _options.LabelColumnName is { } label && inputSchema.Any(c => c.Name == label);
        var columns = CamLocalizerOutputs.Columns.Resolve(Describe(hasLabel, classifier: null), _options,
            name => inputSchema.Any(c => c.Name == name));
        var shape = inputSchema;
        foreach (var column in columns)
        {
            bool key = column is ClassKeyOutput;
            shape = DataViews.OutputShapes.Add(shape, key ? Array.Empty<string>() : new[] { column.Name }, key ? new[] { column.Name } : Array.Empty<string>());
        }
        return shape;
    }

    /// <summary>
    /// What the localiser computes, for <paramref name="classifier"/>; without one (before fitting) only which columns
    /// it writes is meaningful.
    /// </summary>
    private LocalizerDescription Describe(bool hasLabel, GapClassifierRuntime? classifier)
    {
        var o = _options;
        int classes = classifier?.NumClasses ?? int.MaxValue;
        return new LocalizerDescription(classifier?.Description.ClassNames ?? Array.Empty<string>(), classifier?.FeatureChannels ?? 0,
            classifier?.FeatureHeight ?? 0, classifier?.FeatureWidth ?? 0, classifier?.Description.Height ?? 0, classifier?.Description.Width ?? 0,
            o.Threshold, o.BoxMode, o.Convention, o.Upsampling, o.ClassSelection,
            o.TopK > 1 ? Math.Min(o.TopK, classes) : 0, GroundTruthHeatmap: hasLabel,
            o.MultiCrop, o.CropFraction, o.MultiCrop ? classifier?.ModelId : null);
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
        if (label.Annotations.Schema.GetColumnOrNull("KeyValues") is { Type: VectorDataViewType { ItemType: TextDataViewType } })
        {
            VBuffer<ReadOnlyMemory<char>> values = default;
            label.Annotations.GetValue("KeyValues", ref values);
            var names = values.DenseValues().Select(v => v.ToString()).ToArray();
            if (!names.SequenceEqual(classNames))
            {
                throw new ArgumentOutOfRangeException(nameof(schema),
                    $"{CamLocalizer.ComponentName}: label column '{labelColumn}' maps keys to other classes than the classifier's " +
                    $"({string.Join(", ", names.Take(3))}... vs {string.Join(", ", classNames.Take(3))}...). Use the same MapValueToKey as for training.");
            }
        }
    }
}
