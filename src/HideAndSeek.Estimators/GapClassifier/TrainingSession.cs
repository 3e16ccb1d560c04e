using HideAndSeek.DataViews;
using HideAndSeek.Networks;
using HideAndSeek.PixelColumns;
using HideAndSeek.Torch;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace HideAndSeek.GapClassifier;

/// <summary>
/// One call to <see cref="GapClassifierTrainer.Fit(IDataView, IDataView?)"/>: checks the schemas, builds the network
/// and the optimiser, resumes from a checkpoint when asked, trains epoch by epoch and returns the fitted transformer.
/// Owns the log channel.
/// </summary>
internal sealed class TrainingSession
{
    private const string Component = GapClassifierTransformer.ComponentName;
    private const string KeyValuesAnnotation = "KeyValues"; // ML.NET's AnnotationUtils.Kinds.KeyValues (internal)
    private static int _convolutionCheckLogged;
    private readonly GapClassifierOptions _o;
    private readonly IDataView _train;
    private readonly IDataView? _validation;
    private readonly IChannel? _channel;

    public TrainingSession(GapClassifierOptions options, IDataView train, IDataView? validation)
    {
        _o = options;
        _train = train;
        _validation = validation;
        _channel = (options.Context as IChannelProvider)?.Start(Component);
    }

    /// <summary>What one run trains with, made once before its first epoch.</summary>
    private sealed record NetworkSetup(GapNetwork Network, MomentumSgd Optimizer, double[] RateMultipliers, Generator Dropout,
        NetworkDescription Description, PixelColumnShape Shape, Device Device);

    private void Info(string message) => _channel?.Info(MessageSensitivity.None, message);

    private void Warn(string message) => _channel?.Warning(MessageSensitivity.None, message);

    public GapClassifierTransformer Run()
    {
        try
        {
            return RunCore();
        }
        finally
        {
            _channel?.Dispose();
            NativeHeapTuning.Release(); // the steps' activations, kept for reuse while training, go back to the system
        }
    }

    private GapClassifierTransformer RunCore()
    {
        var (shape, classNames) = ReadSchemas();
        var device = TorchRuntime.Initialize(_o.Device, _o.Threads);
        if (_o.Precision == TrainingPrecision.BFloat16)
            BFloat16Support.Require(device, Component);
        LogConvolutionCheckOnce();
        var description = new NetworkDescription(_o.Architecture, classNames,
            (_o.MeanPixel ?? GapNetworkOptions.SeedMeanPixel).ToArray(), _o.WidthMultiplier, _o.WithoutResize,
            DropoutKeepProbability: 0.5, shape.Height, shape.Width,
            _o.Architecture == GapArchitecture.ResNet18 ? _o.ResizedImageSize ?? ResNet18Gap.DefaultResizedSide : 0, _o.HighResolutionCam);
        var network = description.CreateNetwork(initSeed: _o.Seed);
        network.FeatureMapSize(shape.Height, shape.Width); // throws for images too small for the architecture
        if (_o.InitialWeights is { } weights)
            LoadInitialWeights(network, weights);
        network.to(device);

        // Dropout draws from a generator of this run's own, seeded per epoch: a process-wide one would be shared with
        // whatever else runs in the process, and a resumed run could not replay it.
        using var dropout = new Generator(0, CPU);
        network.DropoutGenerator = dropout;
        var (sgd, rateMultipliers) = FineTuning.CreateOptimizer(network, _o);
        using var optimizer = sgd;
        var run = new NetworkSetup(network, optimizer, rateMultipliers, dropout, description, shape, device);

        var state = ResumeOrStart(run);
        var train = EnsureShufflable(_train);
        long? stepsPerEpoch = train.GetRowCount() is long rows ? (rows + _o.BatchSize - 1) / _o.BatchSize : null;
        for (int epoch = state.StartEpoch; epoch < _o.MaxEpochs && !state.EarlyStopping.Stopped; epoch++)
            RunEpoch(run, state, train, epoch, stepsPerEpoch);

        if (state.EarlyStopping.WeightsToKeep is { } best)
        {
            using var stream = new MemoryStream(best);
            network.load(stream);
        }
        var runtime = new GapClassifierRuntime(network, description, Guid.NewGuid().ToString("N"));
        var columns = new GapClassifierTransformer.ColumnNames(_o.FeatureColumnName, _o.ScoreColumnName, _o.PredictedLabelColumnName, _o.FeatureMapColumnName);
        return new GapClassifierTransformer(runtime, state.History, columns, _o.ScoringBatchSize, _train.Schema);
    }

    /// <summary>The training images' shape and class names, with the validation set checked against them.</summary>
    private (PixelColumnShape Shape, string[] ClassNames) ReadSchemas()
    {
        var shape = PixelColumnShape.Resolve(_train.Schema, _o.FeatureColumnName, Component);
        if (shape.Channels != 3)
            throw new ArgumentOutOfRangeException(nameof(_train), $"{Component}: column '{_o.FeatureColumnName}' has {shape.Channels} channels; the networks take 3 (RGB).");
        var classNames = ReadClassNames(_train.Schema, _o.LabelColumnName);
        if (_validation is not null)
            CheckValidationSchema(_validation.Schema, shape, classNames.Length);
        return (shape, classNames);
    }

    /// <summary>Once per process: whether libtorch's convolutions were found wrong on this CPU and what is used instead.</summary>
    private void LogConvolutionCheckOnce()
    {
        if (Interlocked.Exchange(ref _convolutionCheckLogged, 1) != 0)
            return;
        var check = TorchRuntime.ConvolutionCheckResult;
        if (!check.Verified || check.InUse != check.Requested)
            Warn(check.ToString());
        else
            Info(check.ToString());
        Info($"Native heap: {NativeHeapTuning.Description}.");
    }

    /// <summary>
    /// The state the run starts from: the newest checkpoint's, with its weights and momentum loaded, when resuming from
    /// one; else a new one, the network starting from the pretrained weights where its architecture has them.
    /// </summary>
    private TrainingState ResumeOrStart(NetworkSetup run)
    {
        if (_o.CheckpointDirectory is { } directory && _o.Resume && TrainingCheckpoint.LoadLatest(directory, Warn) is { } checkpoint)
        {
            CheckCompatible(checkpoint.Description, run.Description, directory);
            using (var stream = new MemoryStream(checkpoint.NetworkState))
                run.Network.load(stream);
            using (var reader = new BinaryReader(new MemoryStream(checkpoint.OptimizerState)))
                run.Optimizer.Load(reader);
            Info(checkpoint.InProgress is null
                ? $"Resuming from {directory} after epoch {checkpoint.CompletedEpochs}."
                : $"Resuming from {directory} in epoch {checkpoint.CompletedEpochs + 1}, after its step {checkpoint.InProgress.Steps}.");
            return TrainingState.Resume(checkpoint, _o.EarlyStoppingPatience);
        }
        if (_o.InitialWeights is null && FineTuning.ImportPretrained(run.Network, _o) is { } source)
            Info($"Starting from the {source}.");
        return TrainingState.New(_o.EarlyStoppingPatience);
    }

    /// <summary>Trains epoch <paramref name="epoch"/>, validates and reports it, and writes its checkpoint.</summary>
    private void RunEpoch(NetworkSetup run, TrainingState state, IDataView train, int epoch, long? stepsPerEpoch)
    {
        _o.CancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        double lr = LearningRates.At(_o.Schedule, _o.LearningRate, _o.MinLearningRate, epoch, _o.MaxEpochs);
        FineTuning.SetLearningRate(run.Optimizer, run.RateMultipliers, lr);

        // Dropout and shuffling are functions of (seed, epoch): a resumed run replays the same epochs. Inside an
        // epoch, a mid-epoch checkpoint carries the generator's state at its step.
        run.Dropout.manual_seed(unchecked(_o.Seed * 1_000_003L + epoch));
        var start = state.StartOf(epoch, run.Dropout);
        var shuffle = new Random(unchecked(_o.Seed * 7919 + epoch * 104_729));
        var done = TrainEpoch(run, train, shuffle, epoch, state.Steps, start, stepsPerEpoch,
            _o.CheckpointDirectory is null ? null : progress => SaveCheckpoint(run, state, epoch, progress));
        state.Steps += done.Steps;
        double priorSeconds = done.Seconds - clock.Elapsed.TotalSeconds; // spent before an interruption

        var (validationLoss, validationAccuracy) = Validate(run, epoch);
        var report = new EpochReport(epoch, _o.MaxEpochs, state.Steps, done.LossSum / done.Images, (double)done.Correct / done.Images,
            validationLoss, validationAccuracy, done.Images / Math.Max(done.Seconds, 1e-9), lr,
            clock.Elapsed + TimeSpan.FromSeconds(Math.Max(0, priorSeconds)), done.SkippedRows);
        state.History.Add(report);
        Info(report.ToString());
        if (report.SkippedRows > 0)
            Warn($"Epoch {epoch + 1}: {report.SkippedRows} rows without a label were skipped.");

        state.EarlyStopping.Observe(validationAccuracy, () => TrainingState.WeightsOf(run.Network));
        if (state.EarlyStopping.Stopped)
            Info($"Early stopping after epoch {epoch + 1}: no validation improvement for {_o.EarlyStoppingPatience} epochs.");
        if (_o.CheckpointDirectory is { } directory)
        {
            SaveCheckpoint(run, state, epoch + 1, progress: null);
            TrainingCheckpoint.Prune(directory, _o.KeepCheckpoints);
        }
        _o.EpochCompleted?.Invoke(report);
    }

    /// <summary>
    /// The validation set's loss and accuracy after <paramref name="epoch"/> (nulls without one). Finite training
    /// losses with a non-finite validation loss: the weights or the BatchNorm statistics blew up in this epoch, and its
    /// checkpoint must not replace the last good one.
    /// </summary>
    private (double? Loss, double? Accuracy) Validate(NetworkSetup run, int epoch)
    {
        if (_validation is null)
            return (null, null);
        var (loss, accuracy) = Evaluate(run.Network, _validation, run.Shape, run.Device);
        if (!double.IsFinite(loss))
            throw Diverged(epoch, $"end of the epoch (validation loss {loss})");
        return (loss, accuracy);
    }

    /// <summary>The checkpoint after <paramref name="completedEpochs"/> epochs (and <paramref name="progress"/> into the next).</summary>
    private string SaveCheckpoint(NetworkSetup run, TrainingState state, int completedEpochs, EpochProgress? progress) =>
        state.Checkpoint(completedEpochs, progress, run.Description, run.Network, run.Optimizer, run.Dropout).Save(_o.CheckpointDirectory!);

    private InvalidOperationException Diverged(int epoch, string where) => new(
        $"{Component}: training diverged at epoch {epoch + 1}, {where}. " +
        (_o.CheckpointDirectory is null
            ? "No checkpoints were kept (set CheckpointDirectory to resume after such a stop). "
            : $"The last good checkpoint is kept in {_o.CheckpointDirectory}; a run with the same folder resumes from it. ") +
        "Lower the learning rate.");

    /// <summary>
    /// One pass over the training data from <paramref name="start"/> (the beginning, or where a mid-epoch checkpoint
    /// stopped). After each step a checkpoint is written through <paramref name="save"/> when
    /// <see cref="GapClassifierOptions.CheckpointInterval"/> has passed, and when the run is cancelled (then the
    /// method throws <see cref="TrainingInterruptedException"/>).
    /// </summary>
    private EpochProgress TrainEpoch(NetworkSetup run, IDataView data, Random shuffle, int epoch, long stepsBefore, EpochProgress start,
        long? stepsPerEpoch, Func<EpochProgress, string>? save)
    {
        FineTuning.SetTrainingMode(run.Network, _o);
        var progress = start;
        var clock = Stopwatch.StartNew();
        var sinceCheckpoint = Stopwatch.StartNew();
        long imagesThisSession = 0;
        using var reader = new TrainingBatchReader(data, _o.FeatureColumnName, _o.LabelColumnName, run.Shape, _o.BatchSize,
            _o.PrefetchBatches, shuffle, epoch, _o.CancellationToken, skipRows: start.Rows);
        while (NextBatch(reader, epoch, progress, save) is { } batch)
        {
            int count = batch.Count;
            long rows = progress.Rows + batch.SkippedRows + count, skipped = progress.SkippedRows + batch.SkippedRows;
            if (count == 0)
            {
                reader.Release(batch);
                progress = progress with { Rows = rows, SkippedRows = skipped, Seconds = start.Seconds + clock.Elapsed.TotalSeconds };
                continue;
            }
            var (loss, correct) = Step(run.Network, run.Optimizer, reader, batch, run.Shape, run.Device, epoch, stepsBefore + progress.Steps + 1);
            imagesThisSession += count;
            double seconds = clock.Elapsed.TotalSeconds;
            progress = new EpochProgress(progress.Steps + 1, rows, progress.LossSum + loss * count, progress.Correct + correct,
                progress.Images + count, skipped, start.Seconds + seconds);
            ReportStep(epoch, stepsBefore, progress, stepsPerEpoch, imagesThisSession / Math.Max(seconds, 1e-9));
            if (save is not null && _o.CheckpointInterval is { } interval && sinceCheckpoint.Elapsed >= interval)
            {
                string path = save(progress);
                Info($"Mid-epoch checkpoint {path} (epoch {epoch + 1}, step {progress.Steps}).");
                TrainingCheckpoint.Prune(_o.CheckpointDirectory!, _o.KeepCheckpoints);
                sinceCheckpoint.Restart();
            }
        }
        if (progress.Images == 0)
            throw new InvalidOperationException($"{Component}: the training data has no rows with a label.");
        return progress with { Seconds = start.Seconds + clock.Elapsed.TotalSeconds };
    }

    /// <summary>The next batch, or null at the epoch's end; a cancelled run is saved and stopped here.</summary>
    private TrainingBatch? NextBatch(TrainingBatchReader reader, int epoch, EpochProgress progress, Func<EpochProgress, string>? save)
    {
        var token = _o.CancellationToken;
        if (token.IsCancellationRequested)
            throw Interrupted(epoch, progress, save);
        try
        {
            return reader.Next();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw Interrupted(epoch, progress, save);
        }
    }

    private TrainingInterruptedException Interrupted(int epoch, EpochProgress progress, Func<EpochProgress, string>? save)
    {
        string? path = save?.Invoke(progress);
        var where = $"epoch {epoch + 1}, step {progress.Steps}";
        Info(path is null ? $"Stopped in {where}; no checkpoint folder is set." : $"Stopped in {where}; checkpoint {path}.");
        return new TrainingInterruptedException(epoch, progress.Steps, path, _o.CancellationToken);
    }

    /// <summary>The log line every <see cref="GapClassifierOptions.LogInterval"/> steps and the step callback.</summary>
    private void ReportStep(int epoch, long stepsBefore, EpochProgress p, long? stepsPerEpoch, double imagesPerSecond)
    {
        if (_o.LogInterval > 0 && p.Steps % _o.LogInterval == 0)
        {
            Info($"epoch {epoch + 1} step {stepsBefore + p.Steps}: loss {p.LossSum / p.Images:F4} acc {(double)p.Correct / p.Images:P1} " +
                 $"{imagesPerSecond:F1} img/s");
        }
        _o.StepCompleted?.Invoke(new TrainingProgress(epoch, _o.MaxEpochs, p.Steps, stepsPerEpoch, p.Images, p.LossSum / p.Images,
            (double)p.Correct / p.Images, imagesPerSecond, TimeSpan.FromSeconds(p.Seconds)));
    }

    /// <summary>
    /// One optimiser step on <paramref name="batch"/>; returns its mean loss and correct predictions. Every tensor
    /// of the step lives in one dispose scope, so none is collectable while libtorch uses it. A failure inside
    /// libtorch (an error it reports, or memory running out) ends the run with a message naming the epoch and step.
    /// </summary>
    private (float Loss, long Correct) Step(GapNetwork network, MomentumSgd optimizer, TrainingBatchReader reader,
        TrainingBatch batch, PixelColumnShape shape, Device device, int epoch, long step)
    {
        float value;
        long correct;
        try
        {
            using var scope = NewDisposeScope();
            var (x, y) = batch.ToTensors(shape, device);
            reader.Release(batch);
            Tensor logits;
            using (_o.Precision == TrainingPrecision.BFloat16 ? MixedPrecision.Enter(ScalarType.BFloat16) : default)
                logits = network.forward(x);
            var loss = nn.functional.cross_entropy(logits, y, label_smoothing: _o.LabelSmoothing);
            optimizer.ZeroGrad();
            loss.backward();
            optimizer.Step();
            value = loss.item<float>();
            correct = logits.argmax(1).eq(y).sum().item<long>();
        }
        catch (Exception e) when (e is System.Runtime.InteropServices.ExternalException or OutOfMemoryException)
        {
            throw StepFailed(epoch, step, e);
        }
        if (!float.IsFinite(value))
            throw Diverged(epoch, $"step {step} (loss {value})");
        return (value, correct);
    }

    private InvalidOperationException StepFailed(int epoch, long step, Exception e) => new(
        $"{Component}: training failed at epoch {epoch + 1}, step {step}: {e.GetType().Name}: {FirstLine(e.Message)}. " +
        (_o.CheckpointDirectory is null
            ? "No checkpoints were kept."
            : $"The last checkpoint is kept in {_o.CheckpointDirectory}; a run with the same folder resumes from it."), e);

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(new[] { '\r', '\n' });
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }

    private (double Loss, double Accuracy) Evaluate(GapNetwork network, IDataView data, PixelColumnShape shape, Device device)
    {
        network.eval();
        double lossSum = 0;
        long correct = 0, images = 0;
        using var reader = new TrainingBatchReader(data, _o.FeatureColumnName, _o.LabelColumnName, shape, _o.ScoringBatchSize,
            _o.PrefetchBatches, shuffle: null, epoch: null, _o.CancellationToken);
        using var noGrad = no_grad();
        while (reader.Next() is { } batch)
        {
            int count = batch.Count;
            if (count > 0)
            {
                using var scope = NewDisposeScope();
                var (x, y) = batch.ToTensors(shape, device);
                reader.Release(batch);
                var logits = network.forward(x);
                lossSum += nn.functional.cross_entropy(logits, y).item<float>() * count;
                correct += logits.argmax(1).eq(y).sum().item<long>();
                images += count;
            }
            else
            {
                reader.Release(batch);
            }
        }
        return images == 0 ? (double.NaN, double.NaN) : (lossSum / images, (double)correct / images);
    }

    private IDataView EnsureShufflable(IDataView data)
    {
        if (data.CanShuffle)
            return data;
        // Without random access a full permutation needs the rows in memory: ML.NET's shuffle pool, sized to hold
        // the whole data set when it is small enough, and refilled from a fresh cursor (fresh masks) every epoch.
        long rows = data.GetRowCount() ?? long.MaxValue;
        int pool = (int)Math.Min(rows, 10_000);
        if (rows > pool)
            Warn($"The training data cannot be shuffled by its source; shuffling within a pool of {pool} rows. Use ml.Data.LoadTinyImageNet or a list-backed view for a full shuffle.");
        return SharedContext.Instance.Data.ShuffleRows(data, seed: _o.Seed, shufflePoolSize: Math.Max(pool, 2));
    }

    private static string[] ReadClassNames(DataViewSchema schema, string labelColumn)
    {
        var column = schema.GetColumnOrNull(labelColumn)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"{Component}: label column '{labelColumn}' not found.");
        if (column.Type is not KeyDataViewType key || key.Count == 0 || key.Count > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"{Component}: label column '{labelColumn}' has type {column.Type}; expected a key with a known number of classes (use MapValueToKey).");
        }
        if (key.RawType != typeof(uint))
            throw new ArgumentOutOfRangeException(nameof(schema), $"{Component}: label column '{labelColumn}' must be a UInt32 key, got {column.Type}.");
        int count = (int)key.Count;
        var names = Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (column.Annotations.Schema.GetColumnOrNull(KeyValuesAnnotation) is { Type: VectorDataViewType values })
        {
            // Key values are text after MapValueToKey on strings; numbers and other types are named by their text form.
            var read = typeof(TrainingSession).GetMethod(nameof(ReadKeyValues), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(values.ItemType.RawType);
            var texts = (string[])read.Invoke(null, new object[] { column.Annotations })!;
            for (int i = 0; i < Math.Min(count, texts.Length); i++)
                names[i] = texts[i];
        }
        return names;
    }

    private static string[] ReadKeyValues<T>(DataViewSchema.Annotations annotations)
    {
        VBuffer<T> values = default;
        annotations.GetValue(KeyValuesAnnotation, ref values);
        return values.DenseValues().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray();
    }

    private void CheckValidationSchema(DataViewSchema schema, PixelColumnShape shape, int classes)
    {
        var pixels = PixelColumnShape.Resolve(schema, _o.FeatureColumnName, Component + " validation set");
        if (pixels.Height != shape.Height || pixels.Width != shape.Width || pixels.Channels != shape.Channels)
            throw new ArgumentOutOfRangeException(nameof(schema), $"{Component}: the validation images are {pixels.Channels} x {pixels.Height} x {pixels.Width}, the training images {shape.Channels} x {shape.Height} x {shape.Width}.");
        var label = schema.GetColumnOrNull(_o.LabelColumnName);
        if (label is null || label.Value.Type is not KeyDataViewType key || key.Count != (ulong)classes)
            throw new ArgumentOutOfRangeException(nameof(schema), $"{Component}: the validation set needs the key label column '{_o.LabelColumnName}' with the training data's {classes} classes.");
    }

    private static void CheckCompatible(NetworkDescription saved, NetworkDescription current, string directory)
    {
        string Describe(NetworkDescription d) =>
            $"{d.Architecture} x{d.WidthMultiplier}{(d.WithoutResize ? " without resize" : "")}{(d.ResizedSide > 0 ? $" resized to {d.ResizedSide}" : "")}" +
            $"{(d.HighResolutionCam ? " high-resolution CAM" : "")}, {d.ClassNames.Length} classes, {d.Height}x{d.Width} images";
        bool same = saved.Architecture == current.Architecture && saved.WidthMultiplier == current.WidthMultiplier
            && saved.WithoutResize == current.WithoutResize && saved.Height == current.Height && saved.Width == current.Width
            && saved.ResizedSide == current.ResizedSide && saved.HighResolutionCam == current.HighResolutionCam
            && saved.ClassNames.SequenceEqual(current.ClassNames) && saved.MeanPixel.SequenceEqual(current.MeanPixel);
        if (!same)
        {
            throw new InvalidOperationException(
                $"{Component}: the checkpoints in {directory} are for {Describe(saved)} (classes {string.Join(", ", saved.ClassNames.Take(5))}...), " +
                $"this run is {Describe(current)}. Use another checkpoint folder or set Resume = false.");
        }
    }

    private static void LoadInitialWeights(GapNetwork network, string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{Component}: initial weights file '{path}' does not exist.", path);
        try
        {
            network.load(path, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException)
        {
            throw new InvalidDataException(
                $"{Component}: '{path}' does not hold weights of a {network.Architecture} with this width and {network.NumClasses} classes: {e.Message}", e);
        }
    }
}
