using HideAndSeek.DataViews;
using HideAndSeek.ModelFormat;
using HideAndSeek.PixelColumns;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.TrainingOnly;

/// <summary>
/// Base of the fitted training-only pixel steps (Hide-and-Seek, augmentation). <see cref="Transform"/> returns a view
/// that changes images only while a trainer reads it inside a training epoch (GapClassifier does), whatever the
/// nesting of estimator chains; any other reading — scoring the same or other data, previews, evaluation — gets the
/// pixels untouched, as do PredictionEngines and models loaded from a zip. <see cref="TransformForTraining"/> always
/// changes them, for trainers that do not mark their epochs.
/// </summary>
public abstract class TrainingOnlyPixelTransformer : ITransformer
{
    private readonly string _component;
    private readonly string _outputColumn;
    private readonly string _inputColumn;
    private readonly (int Height, int Width)? _imageSize;
    private readonly int _channels;
    private readonly Lazy<TransformerChain<ITransformer>> _scoring;

    private protected TrainingOnlyPixelTransformer(string component, TrainingOnlyPixelOptions options, PixelColumnShape shape,
        string modelId, TransformerChain<ITransformer>? scoring, DataViewSchema? trainingSchema)
    {
        _component = component;
        _outputColumn = options.OutputColumnName;
        _inputColumn = options.InputColumn;
        _imageSize = options.ImageSize;
        _channels = options.Channels;
        Shape = shape;
        ModelId = modelId;
        // Built on first use: the payload reads the derived class's state, which is not set while this constructor runs.
        _scoring = scoring is not null
            ? new Lazy<TransformerChain<ITransformer>>(scoring)
            : new Lazy<TransformerChain<ITransformer>>(() => BuildScoringChain(trainingSchema!));
    }

    /// <summary>Image height the transformer was fitted for.</summary>
    public int ImageHeight => Shape.Height;

    /// <summary>Image width the transformer was fitted for.</summary>
    public int ImageWidth => Shape.Width;

    /// <summary>Channels of the pixel column.</summary>
    public int Channels => Shape.Channels;

    /// <summary>Always true: scoring is a row-to-row identity (or copy) of the pixels.</summary>
    public bool IsRowToRowMapper => true;

    internal string ModelId { get; }

    private protected PixelColumnShape Shape { get; }

    /// <summary>What changes the images.</summary>
    private protected abstract ITrainingPixelOperation Operation { get; }

    /// <summary>The schema after this step: the output column has the input column's type.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ResolveShape(inputSchema);
        return _scoring.Value.GetOutputSchema(inputSchema);
    }

    /// <summary>
    /// A lazy view of <paramref name="input"/> whose images change only while a trainer reads it in a training epoch;
    /// read any other way it holds the input pixels untouched.
    /// </summary>
    public IDataView Transform(IDataView input) => TrainingView(input, onlyInTrainingEpoch: true);

    /// <summary>
    /// A view of <paramref name="input"/> whose images always change: each cursor (epoch) draws anew, and the draws depend
    /// only on the seed, the epoch and the row id. Use it to feed a trainer that does not mark its epochs, or to look
    /// at what the step does.
    /// </summary>
    public IDataView TransformForTraining(IDataView input) => TrainingView(input, onlyInTrainingEpoch: false);

    /// <summary>A row mapper that never changes pixels (what a PredictionEngine uses).</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => ((ITransformer)_scoring.Value).GetRowToRowMapper(inputSchema);

    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_scoring.Value).Save(ctx);

    /// <summary>The options and fitted state stored in the zip.</summary>
    private protected abstract ModelPayload CreatePayload();

    private IDataView TrainingView(IDataView input, bool onlyInTrainingEpoch)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = ResolveShape(input.Schema);
        if (shape.Channels != Shape.Channels || shape.Height != Shape.Height || shape.Width != Shape.Width)
        {
            throw new ArgumentOutOfRangeException(nameof(input),
                $"{_component} was fitted on {Shape.Channels} x {Shape.Height} x {Shape.Width} images, " +
                $"column '{_inputColumn}' holds {shape.Channels} x {shape.Height} x {shape.Width}.");
        }
        return new TrainingPixelDataView(input, Operation, shape, _inputColumn, _outputColumn, _component, onlyInTrainingEpoch);
    }

    private PixelColumnShape ResolveShape(DataViewSchema schema) =>
        PixelColumnShape.Resolve(schema, _inputColumn, _component, _imageSize, _channels);

    private TransformerChain<ITransformer> BuildScoringChain(DataViewSchema inputSchema)
    {
        var builder = new SurrogateChainBuilder(SharedContext.Instance, inputSchema);
        builder.AddPayload(ModelId, CreatePayload().ToBytes());
        if (_inputColumn != _outputColumn)
            builder.Copy(_outputColumn, _inputColumn);
        return builder.Build();
    }
}
