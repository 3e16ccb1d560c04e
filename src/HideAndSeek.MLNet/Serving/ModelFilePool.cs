using Microsoft.ML;
using Microsoft.ML.Data;
using System.Collections.Concurrent;

namespace HideAndSeek.Serving;

/// <summary>
/// Serves predictions from a model zip and reloads it when the file changes (hot reload), like
/// Microsoft.Extensions.ML's PredictionEnginePool watching a file. PredictionEngines are not thread-safe, so each call
/// rents one from a pool of the current model; a reload loads the new zip first and swaps it in atomically, so no
/// request fails or waits during a reload, and requests in flight finish on the model they started with. A replaced
/// model is dropped once its last request ends (its engines are disposed, and the model when it is disposable), and its
/// networks are freed when collected. Thread-safe.
/// </summary>
/// <typeparam name="TInput">The input row type.</typeparam>
/// <typeparam name="TOutput">The prediction row type.</typeparam>
public sealed class ModelFilePool<TInput, TOutput> : IDisposable
    where TInput : class
    where TOutput : class, new()
{
    private readonly MLContext _ml;
    private readonly string _path;
    private readonly SchemaDefinition? _inputSchemaDefinition;
    private readonly SchemaDefinition? _outputSchemaDefinition;
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _debounce;
    private readonly TimeSpan _delay;
    private readonly Action<ITransformer>? _check;
    private readonly object _reloadLock = new();
    private volatile PooledModel _current;
    private int _retries;
    private bool _disposed;

    /// <summary>Loads <paramref name="path"/> and starts watching it.</summary>
    /// <param name="ml">The context models are loaded in.</param>
    /// <param name="path">The model zip.</param>
    /// <param name="inputSchemaDefinition">The input row's schema, as for <c>CreatePredictionEngine</c> (e.g. image shapes).</param>
    /// <param name="outputSchemaDefinition">The output row's schema.</param>
    /// <param name="reloadDelay">How long the file must stay unchanged before it is reloaded; default 200 ms.</param>
    /// <param name="check">
    /// Vets each loaded model before it serves (e.g. that it writes the columns the application reads); it refuses one
    /// by throwing <see cref="InvalidOperationException"/>: the constructor then throws, and a reload keeps the previous
    /// model (<see cref="LastReloadError"/>, <see cref="ReloadFailed"/>). A refused model is disposed.
    /// </param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="check"/> refused the model.</exception>
    public ModelFilePool(MLContext ml, string path, SchemaDefinition? inputSchemaDefinition = null,
        SchemaDefinition? outputSchemaDefinition = null, TimeSpan? reloadDelay = null, Action<ITransformer>? check = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentException.ThrowIfNullOrEmpty(path);
        _ml = ml;
        _path = Path.GetFullPath(path);
        _inputSchemaDefinition = inputSchemaDefinition;
        _outputSchemaDefinition = outputSchemaDefinition;
        _delay = reloadDelay ?? TimeSpan.FromMilliseconds(200);
        _check = check;
        _current = new PooledModel(Load(), generation: 1, this);
        _debounce = new Timer(_ => TryReload());
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += OnFileEvent;
        _watcher.Created += OnFileEvent;
        _watcher.Renamed += OnFileEvent;
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>The watched file.</summary>
    public string FilePath => _path;

    /// <summary>1 for the model loaded at construction, then one more per successful reload.</summary>
    public int Generation => _current.Generation;

    /// <summary>The model serving requests now.</summary>
    public ITransformer Model => _current.Model;

    /// <summary>Why the last reload failed (the previous model kept serving), or null after a successful one.</summary>
    public Exception? LastReloadError { get; private set; }

    /// <summary>Raised after a reload swapped a new model in; the argument is its generation.</summary>
    public event EventHandler<int>? Reloaded;

    /// <summary>Raised when the file changed but could not be loaded (the previous model keeps serving); the argument says why.</summary>
    public event EventHandler<Exception>? ReloadFailed;

    /// <summary>Predicts one row with the current model.</summary>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public TOutput Predict(TInput input)
    {
        PooledModel model;
        PredictionEngine<TInput, TOutput>? engine;
        do
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // Null when a reload released this model between reading it and renting: the next one is current by then.
            model = _current;
            engine = model.Rent();
        }
        while (engine is null);
        try
        {
            return engine.Predict(input);
        }
        finally
        {
            model.Return(engine);
        }
    }

    /// <summary>
    /// Loads the file now and swaps it in; false (and <see cref="LastReloadError"/>) when it cannot be loaded, in which
    /// case the previous model keeps serving.
    /// </summary>
    public bool Reload()
    {
        Exception? failure = null;
        lock (_reloadLock)
        {
            if (_disposed)
                return false;
            ITransformer? model = null;
            try
            {
                model = Load();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or InvalidDataException or FormatException)
            {
                LastReloadError = e;
                failure = e;
            }
            if (failure is null)
            {
                var previous = _current;
                _current = new PooledModel(model!, previous.Generation + 1, this);
                LastReloadError = null;
                previous.Retire();
            }
        }
        if (failure is not null)
        {
            ReloadFailed?.Invoke(this, failure);
            return false;
        }
        Reloaded?.Invoke(this, Generation);
        return true;
    }

    /// <summary>Stops watching and drops the current model.</summary>
    public void Dispose()
    {
        lock (_reloadLock)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        _watcher.Dispose();
        _debounce.Dispose();
        _current.Retire();
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        Interlocked.Exchange(ref _retries, 0);
        Schedule();
    }

    private void Schedule()
    {
        try
        {
            _debounce.Change(_delay, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while an event was being handled: nothing to reload.
        }
    }

    private void TryReload()
    {
        // A writer may still hold the file or have written part of it: try again a few times before giving up.
        if (!Reload() && !_disposed && Interlocked.Increment(ref _retries) <= 5)
            Schedule();
    }

    private ITransformer Load()
    {
        // Read the whole file first so the writer is never blocked by a load in progress.
        byte[] bytes;
        using (var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
        }
        ITransformer model;
        using (var stream = new MemoryStream(bytes, writable: false))
            model = _ml.Model.Load(stream, out _);
        if (_check is null)
            return model;
        try
        {
            _check(model);
            return model;
        }
        catch
        {
            (model as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>One loaded model and its idle engines.</summary>
    private sealed class PooledModel
    {
        private readonly ModelFilePool<TInput, TOutput> _pool;
        private readonly ConcurrentBag<PredictionEngine<TInput, TOutput>> _idle = new();
        private readonly object _gate = new();
        private int _inFlight;
        private bool _retired;
        private bool _released;

        public PooledModel(ITransformer model, int generation, ModelFilePool<TInput, TOutput> pool)
        {
            Model = model;
            Generation = generation;
            _pool = pool;
        }

        public ITransformer Model { get; }

        public int Generation { get; }

        /// <summary>An engine for one request, or null when the model was already released.</summary>
        public PredictionEngine<TInput, TOutput>? Rent()
        {
            lock (_gate)
            {
                if (_released)
                    return null;
                _inFlight++;
            }
            try
            {
                return _idle.TryTake(out var engine)
                    ? engine
                    : _pool._ml.Model.CreatePredictionEngine<TInput, TOutput>(Model, ignoreMissingColumns: true,
                        _pool._inputSchemaDefinition, _pool._outputSchemaDefinition);
            }
            catch
            {
                EndRequest(null);
                throw;
            }
        }

        public void Return(PredictionEngine<TInput, TOutput> engine) => EndRequest(engine);

        public void Retire()
        {
            bool release;
            lock (_gate)
            {
                _retired = true;
                release = ShouldRelease();
            }
            if (release)
                Release();
        }

        private void EndRequest(PredictionEngine<TInput, TOutput>? engine)
        {
            bool release;
            lock (_gate)
            {
                _inFlight--;
                // Pooled under the gate, so a release that drains the pool cannot miss it.
                if (!_retired && engine is not null)
                {
                    _idle.Add(engine);
                    engine = null;
                }
                release = ShouldRelease();
            }
            engine?.Dispose();
            if (release)
                Release();
        }

        // Called under _gate: true once, for the caller that must release.
        private bool ShouldRelease()
        {
            if (!_retired || _inFlight != 0 || _released)
                return false;
            _released = true;
            return true;
        }

        private void Release()
        {
            while (_idle.TryTake(out var engine))
                engine.Dispose();
            (Model as IDisposable)?.Dispose();
        }
    }
}
