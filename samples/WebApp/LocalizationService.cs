using HideAndSeek.Serving;
using Microsoft.ML;

namespace HideAndSeek.WebApp;

/// <summary>
/// The model zip behind the endpoints: a <see cref="ModelFilePool{TInput, TOutput}"/> (one PredictionEngine per
/// concurrent request, hot reload when the file changes, the old model kept when the new file cannot be loaded or is
/// refused), scoring within the <see cref="PredictionSlots"/>.
/// </summary>
internal sealed class LocalizationService : IDisposable
{
    private readonly ModelFilePool<ImageInput, ImagePrediction> _pool;
    private readonly PredictionSlots _slots;
    private readonly ILogger<LocalizationService> _log;
    private volatile ServedModel _described;

    /// <exception cref="InvalidOperationException">The model cannot give boxes in the photo's pixels (the message says why).</exception>
    public LocalizationService(string modelPath, PredictionSlots slots, ILogger<LocalizationService> log)
    {
        _log = log;
        _slots = slots;
        // Every model, the first and each reload, is vetted before it serves: a refused reload leaves the old one serving.
        _pool = new ModelFilePool<ImageInput, ImagePrediction>(new MLContext(seed: 1), modelPath, check: model => ServedModel.Describe(model, 0));
        _described = ServedModel.Describe(_pool.Model, _pool.Generation);
        _pool.Reloaded += (_, generation) => _log.LogInformation("reloaded {Path}: generation {Generation}", _pool.FilePath, generation);
        _pool.ReloadFailed += (_, error) =>
            _log.LogWarning("{Path} changed but cannot be served; generation {Generation} keeps serving: {Reason}", _pool.FilePath, _pool.Generation, error.Message);
        _log.LogInformation("serving {Path}: {Classes} classes, network input {Width}x{Height}", _pool.FilePath, _described.ClassNames.Count,
            _described.NetworkWidth, _described.NetworkHeight);
    }

    public string ModelPath => _pool.FilePath;

    /// <summary>Why the file's last change could not be served (the previous model kept serving); null after a good one.</summary>
    public string? LastReloadError => _pool.LastReloadError?.Message;

    /// <summary>The model serving now (its description is refreshed after a reload).</summary>
    public ServedModel Current
    {
        get
        {
            var described = _described;
            int generation = _pool.Generation;
            if (described.Generation != generation)
                _described = described = ServedModel.Describe(_pool.Model, generation);
            return described;
        }
    }

    /// <summary>Scores one image file; waits for a free slot within <paramref name="cancellation"/>.</summary>
    /// <returns>The prediction and the model that made it (class names and heatmap size belong to that model).</returns>
    public async Task<(ImagePrediction Prediction, ServedModel Model)> PredictAsync(string imagePath, CancellationToken cancellation)
    {
        await _slots.TakeAsync(cancellation);
        try
        {
            while (true)
            {
                // The same generation before and after: the prediction came from that model, not one a reload swapped in.
                var before = Current;
                var prediction = _pool.Predict(new ImageInput { ImagePath = imagePath });
                if (Current.Generation == before.Generation)
                    return (prediction, before);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _pool.Dispose();
}
