using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.TestSupport;

/// <summary>
/// A stand-in trainer: records the pixels it is fitted on, reading them in a training epoch as GapClassifier does, and
/// returns an identity transformer.
/// </summary>
public sealed class PixelRecorder : IEstimator<ITransformer>
{
    private readonly string _column;

    public PixelRecorder(string column = "Pixels") => _column = column;

    public List<float[]>? Seen { get; private set; }

    public ITransformer Fit(IDataView input)
    {
        using (HideAndSeek.TrainingOnly.TrainingEpoch.Enter(0))
            Seen = input.GetColumn<float[]>(_column).ToList();
        return new TransformerChain<ITransformer>();
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;
}
