using HideAndSeek.PixelColumns;
using Microsoft.ML;

namespace HideAndSeek.TrainingOnly;

/// <summary>
/// Base of the training-only pixel steps' estimators (Hide-and-Seek, augmentation): <see cref="Fit"/> checks the pixel
/// column, computes the fill value (the dataset mean pixel when asked for) and returns a transformer that changes
/// images only while a trainer reads them in a training epoch.
/// </summary>
/// <typeparam name="TTransformer">The fitted step.</typeparam>
public abstract class TrainingOnlyPixelEstimator<TTransformer> : IEstimator<TTransformer>
    where TTransformer : TrainingOnlyPixelTransformer
{
    private readonly string _component;
    private readonly TrainingOnlyPixelOptions _options;

    private protected TrainingOnlyPixelEstimator(string component, TrainingOnlyPixelOptions options)
    {
        _component = component;
        _options = options;
    }

    /// <summary>The estimator's own copy of the options.</summary>
    private protected TrainingOnlyPixelOptions SharedOptions => _options;

    /// <summary>Checks the pixel column, computes the fill value and returns the fitted transformer.</summary>
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = PixelColumnShape.Resolve(input.Schema, _options.InputColumn, _component, _options.ImageSize, _options.Channels);
        Check(shape); // before the mean pixel, which reads the data
        float[] fill = _options.Fill switch
        {
            PixelFill.Zero => new float[shape.Channels],
            PixelFill.Constant => FillValues.Constant(_options.FillValue!, shape.Channels),
            _ => FillValues.DatasetMean(input, _options.InputColumn, shape, _options.MaxRowsForMean, _component),
        };
        return Create(input, shape, fill);
    }

    /// <summary>The schema after this step: the output column has the input column's type.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        PixelColumnShape.SameShapeOutput(inputSchema, _options.InputColumn, _options.OutputColumnName, _component);

    /// <summary>Checks the step's options against the image size.</summary>
    private protected virtual void Check(PixelColumnShape shape)
    {
    }

    /// <summary>The fitted step for images of <paramref name="shape"/> with the fill value per channel.</summary>
    private protected abstract TTransformer Create(IDataView input, PixelColumnShape shape, float[] fill);
}
