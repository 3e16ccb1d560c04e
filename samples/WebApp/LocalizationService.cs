using HideAndSeek.Serving;
using Microsoft.ML;

namespace HideAndSeek.WebApp;

/// <summary>
/// The model zip behind the endpoints: a <see cref="ModelFilePool{TInput, TOutput}"/> (one PredictionEngine per
/// concurrent request, hot reload when the file changes, the old model kept when the new file cannot be loaded) and a
/// gate that bounds how many predictions run at once.
/// </summary>
internal sealed class LocalizationService : IDisposable
{
    private readonly ModelFilePool<ImageInput, ImagePrediction> _pool;
    private readonly SemaphoreSlim _gate;
    private readonly ILogger<LocalizationService> _log;
    private volatile ServedModel _described;

    public LocalizationService(string modelPath, ServingLimits limits, ILogger<LocalizationService> log)
    {
        _log = log;
        _gate = new SemaphoreSlim(limits.MaxConcurrentPredictions);
        _pool = new ModelFilePool<ImageInput, ImagePrediction>(new MLContext(seed: 1), modelPath);
        _described = ServedModel.Describe(_pool.Model, _pool.Generation);
        _pool.Reloaded += (_, generation) => _log.LogInformation("reloaded {Path}: generation {Generation}", _pool.FilePath, generation);
        _pool.ReloadFailed += (_, error) =>
            _log.LogWarning("{Path} changed but cannot be loaded; generation {Generation} keeps serving: {Reason}", _pool.FilePath, _pool.Generation, error.Message);
        _log.LogInformation("serving {Path}: {Classes} classes, input {Width}x{Height}", _pool.FilePath, _described.ClassNames.Count,
            _described.Geometry.Width, _described.Geometry.Height);
    }

    public string ModelPath => _pool.FilePath;

    /// <summary>Why the file's last change could not be loaded (the previous model kept serving); null after a good one.</summary>
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
    public async Task<(ImagePrediction Prediction, ServedModel Model)> PredictAsync(string imagePath, CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation);
        try
        {
            var prediction = _pool.Predict(new ImageInput { ImagePath = imagePath });
            return (prediction, Current);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _pool.Dispose();
        _gate.Dispose();
    }
}
