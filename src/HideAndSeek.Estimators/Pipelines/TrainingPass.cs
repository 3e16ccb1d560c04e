using Microsoft.ML;

namespace HideAndSeek.Pipelines;

/// <summary>
/// Recognises the one Transform call through which an estimator chain hands a training-only step's output to the next
/// estimator: the first call with the very data view the step was fitted on. Every other call is scoring.
/// </summary>
/// <remarks>
/// ML.NET's <c>EstimatorChain.Fit</c> fits a step on the current data and immediately transforms that same object;
/// <c>model.Transform(test)</c>, PredictionEngines and loaded models pass other objects (or build row mappers).
/// The reference is weak so a fitted model does not keep its training data alive.
/// </remarks>
internal sealed class TrainingPass
{
    private readonly object _gate = new();
    private WeakReference<IDataView>? _input;

    public TrainingPass(IDataView? trainingInput) =>
        _input = trainingInput is null ? null : new WeakReference<IDataView>(trainingInput);

    /// <summary>True once, for the data the step was fitted on.</summary>
    public bool TryConsume(IDataView input)
    {
        lock (_gate)
        {
            if (_input is null || !_input.TryGetTarget(out var target) || !ReferenceEquals(target, input))
                return false;
            _input = null;
            return true;
        }
    }
}
