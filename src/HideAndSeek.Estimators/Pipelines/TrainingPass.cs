using Microsoft.ML;

namespace HideAndSeek.Pipelines;

/// <summary>
/// Recognises the data a training-only step was fitted on, so that an estimator chain can hand the step's output to
/// the next estimator (a view that changes images only while a trainer reads it) while every other Transform call is
/// plain scoring.
/// </summary>
/// <remarks>
/// ML.NET's <c>EstimatorChain.Fit</c> fits a step on the current data and then transforms that same object; a chain
/// nested in another chain transforms it once more when the outer chain moves on, so the check must not be
/// used up by the first call. Scoring passes other objects, or builds row mappers. The reference is weak so a fitted
/// model does not keep its training data alive.
/// </remarks>
internal sealed class TrainingPass
{
    private readonly WeakReference<IDataView>? _input;

    public TrainingPass(IDataView? trainingInput) =>
        _input = trainingInput is null ? null : new WeakReference<IDataView>(trainingInput);

    /// <summary>Whether <paramref name="input"/> is the very data the step was fitted on.</summary>
    public bool IsTrainingInput(IDataView input) =>
        _input is not null && _input.TryGetTarget(out var target) && ReferenceEquals(target, input);
}
