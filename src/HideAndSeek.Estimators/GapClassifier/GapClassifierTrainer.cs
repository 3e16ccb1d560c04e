using HideAndSeek.Networks;
using HideAndSeek.DataViews;
using HideAndSeek.PixelColumns;
using HideAndSeek.Torch;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HideAndSeek.GapClassifier;

/// <summary>
/// Trains one of the seed's GAP/GMP networks with TorchSharp on an IDataView of pixels and key labels and returns an
/// ML.NET prediction transformer. Create it with <c>ml.MulticlassClassification.Trainers.GapClassifier(...)</c>.
/// </summary>
/// <remarks>
/// Each epoch reads the data once in a full random permutation (from the data's own shuffling when it supports it),
/// with mini-batches assembled on a background thread; momentum SGD with the seed's learning-rate decay and L2 on
/// weights; a checkpoint per epoch, from which an interrupted run resumes to the same result. On the CPU, a run is
/// repeatable for a given <see cref="GapClassifierOptions.Seed"/>.
/// </remarks>
public sealed class GapClassifierTrainer : IEstimator<GapClassifierTransformer>
{
    private const string Component = GapClassifierTransformer.ComponentName;
    private static int _convolutionCheckLogged;
    private readonly GapClassifierOptions _options;

    internal GapClassifierTrainer(GapClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        _options = options.Clone();
    }

    /// <summary>Trains on <paramref name="input"/>, reporting on <see cref="GapClassifierOptions.ValidationSet"/> if set.</summary>
    public GapClassifierTransformer Fit(IDataView input) => Fit(input, _options.ValidationSet);

    /// <summary>Trains on <paramref name="trainData"/>, reporting loss and accuracy on <paramref name="validationData"/> after every epoch.</summary>
    public GapClassifierTransformer Fit(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var session = new TrainingSession(_options, trainData, validationData);
        return session.Run();
    }

    /// <summary>The schema after the fitted transformer: adds Score, PredictedLabel and the CAM feature map.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        PixelColumnShape.Check(inputSchema, _options.FeatureColumnName, Component);
        var label = inputSchema.FirstOrDefault(c => c.Name == _options.LabelColumnName);
        if (label.Name is null)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"{Component}: label column '{_options.LabelColumnName}' not found.");
        if (!label.IsKey || label.Kind != SchemaShape.Column.VectorKind.Scalar)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"{Component}: label column '{_options.LabelColumnName}' must be a key; convert it with MapValueToKey.");
        }
        return OutputShapes.Add(inputSchema, _options.ScoreColumnName, _options.PredictedLabelColumnName, _options.FeatureMapColumnName);
    }

    internal static void Validate(GapClassifierOptions o)
    {
        static void Positive(int value, string name)
        {
            if (value <= 0)
                throw new ArgumentOutOfRangeException(name, $"{name} must be positive, got {value}.");
        }
        Positive(o.MaxEpochs, nameof(o.MaxEpochs));
        Positive(o.BatchSize, nameof(o.BatchSize));
        Positive(o.ScoringBatchSize, nameof(o.ScoringBatchSize));
        Positive(o.PrefetchBatches, nameof(o.PrefetchBatches));
        Positive(o.KeepCheckpoints, nameof(o.KeepCheckpoints));
        if (!(o.LearningRate > 0) || !(o.MinLearningRate >= 0) || o.MinLearningRate > o.LearningRate)
            throw new ArgumentOutOfRangeException(nameof(o.LearningRate), "Need LearningRate > 0 and 0 <= MinLearningRate <= LearningRate.");
        if (!(o.Momentum >= 0 && o.Momentum < 1))
            throw new ArgumentOutOfRangeException(nameof(o.Momentum), "Momentum must be in [0, 1).");
        if (o.WeightDecay is < 0)
            throw new ArgumentOutOfRangeException(nameof(o.WeightDecay), "WeightDecay must be >= 0.");
        if (!(o.LabelSmoothing >= 0 && o.LabelSmoothing < 1))
            throw new ArgumentOutOfRangeException(nameof(o.LabelSmoothing), "LabelSmoothing must be in [0, 1).");
        if (!(o.WidthMultiplier > 0))
            throw new ArgumentOutOfRangeException(nameof(o.WidthMultiplier), "WidthMultiplier must be positive.");
        if (o.EarlyStoppingPatience is <= 0)
            throw new ArgumentOutOfRangeException(nameof(o.EarlyStoppingPatience), "EarlyStoppingPatience must be positive when set.");
        if (o.LogInterval < 0)
            throw new ArgumentOutOfRangeException(nameof(o.LogInterval), "LogInterval must be >= 0.");
        if (o.BackboneLearningRateMultiplier is double m && !(m >= 0 && double.IsFinite(m)))
            throw new ArgumentOutOfRangeException(nameof(o.BackboneLearningRateMultiplier), "BackboneLearningRateMultiplier must be >= 0.");
        if (o.Architecture != GapArchitecture.ResNet18 && (o.ResizedImageSize is not null || o.HighResolutionCam))
            throw new ArgumentException("ResizedImageSize and HighResolutionCam apply to ResNet18 only.", nameof(o.ResizedImageSize));
        if (!Enum.IsDefined(o.Precision))
            throw new ArgumentOutOfRangeException(nameof(o.Precision), $"Precision must be Float32 or BFloat16, got {(int)o.Precision}.");
        if (o.MeanPixel is { Count: not 3 })
            throw new ArgumentException("MeanPixel needs three values (R, G, B).", nameof(o.MeanPixel));
        foreach (var (name, value) in new[] { ("FeatureColumnName", o.FeatureColumnName), ("LabelColumnName", o.LabelColumnName),
            ("ScoreColumnName", o.ScoreColumnName), ("PredictedLabelColumnName", o.PredictedLabelColumnName), ("FeatureMapColumnName", o.FeatureMapColumnName) })
        {
            if (string.IsNullOrWhiteSpace(value))
                throw new ArgumentException($"{name} must be a column name.", name);
        }
    }

    /// <summary>One call to Fit: owns the network, the optimiser and the log channel.</summary>
    private sealed class TrainingSession
    {
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
            var shape = PixelColumnShape.Resolve(_train.Schema, _o.FeatureColumnName, Component);
            if (shape.Channels != 3)
                throw new ArgumentOutOfRangeException(nameof(_train), $"{Component}: column '{_o.FeatureColumnName}' has {shape.Channels} channels; the networks take 3 (RGB).");
            var classNames = ReadClassNames(_train.Schema, _o.LabelColumnName);
            if (_validation is not null)
                CheckValidationSchema(_validation.Schema, shape, classNames.Length);

            var device = TorchRuntime.Initialize(_o.Device, _o.Threads);
            if (_o.Precision == TrainingPrecision.BFloat16)
                BFloat16Support.Require(device, Component);
            if (Interlocked.Exchange(ref _convolutionCheckLogged, 1) == 0)
            {
                // Once per process: whether libtorch's convolutions were found wrong on this CPU and what is used instead.
                var check = TorchRuntime.ConvolutionCheckResult;
                if (!check.Verified || check.InUse != check.Requested)
                    Warn(check.ToString());
                else
                    Info(check.ToString());
                Info($"Native heap: {NativeHeapTuning.Description}.");
            }
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

            var history = new List<EpochReport>();
            int startEpoch = 0;
            long steps = 0;
            double bestAccuracy = double.NegativeInfinity;
            int sinceBest = 0;
            byte[]? bestWeights = null;
            bool resumed = false;
            EpochProgress? resumeProgress = null;
            byte[]? resumeRandom = null;

            if (_o.CheckpointDirectory is { } directory && _o.Resume)
            {
                var checkpoint = TrainingCheckpoint.LoadLatest(directory, Warn);
                if (checkpoint is not null)
                {
                    CheckCompatible(checkpoint.Description, description, directory);
                    using (var stream = new MemoryStream(checkpoint.NetworkState))
                        network.load(stream);
                    using (var reader = new BinaryReader(new MemoryStream(checkpoint.OptimizerState)))
                        optimizer.Load(reader);
                    history.AddRange(checkpoint.History);
                    startEpoch = checkpoint.CompletedEpochs;
                    steps = checkpoint.Steps - checkpoint.StepsInEpoch;
                    bestAccuracy = checkpoint.BestValidationAccuracy;
                    sinceBest = checkpoint.EpochsWithoutImprovement;
                    bestWeights = checkpoint.BestNetworkState;
                    resumeProgress = checkpoint.InProgress;
                    resumeRandom = checkpoint.RandomState;
                    resumed = true;
                    Info(resumeProgress is null
                        ? $"Resuming from {directory} after epoch {startEpoch}."
                        : $"Resuming from {directory} in epoch {startEpoch + 1}, after its step {resumeProgress.Steps}.");
                }
            }

            // A fresh run of a pretrained architecture starts from its weights.
            if (!resumed && _o.InitialWeights is null && FineTuning.ImportPretrained(network, _o) is { } source)
                Info($"Starting from the {source}.");

            // Everything a checkpoint holds besides the unfinished epoch's progress; mid-epoch ones add the generator.
            string SaveCheckpoint(int completedEpochs, EpochProgress? progress) => new TrainingCheckpoint
            {
                CompletedEpochs = completedEpochs,
                Description = description,
                NetworkState = SaveWeights(network),
                OptimizerState = SaveOptimizer(optimizer),
                History = history,
                Steps = steps + (progress?.Steps ?? 0),
                BestValidationAccuracy = bestAccuracy,
                EpochsWithoutImprovement = sinceBest,
                BestNetworkState = bestWeights,
                InProgress = progress,
                RandomState = progress is null ? null : RandomState(dropout),
            }.Save(_o.CheckpointDirectory!);

            var train = EnsureShufflable(_train);
            long? stepsPerEpoch = train.GetRowCount() is long rows ? (rows + _o.BatchSize - 1) / _o.BatchSize : null;
            var token = _o.CancellationToken;
            bool stoppedEarly = false;
            for (int epoch = startEpoch; epoch < _o.MaxEpochs && !stoppedEarly; epoch++)
            {
                token.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                double lr = LearningRates.At(_o.Schedule, _o.LearningRate, _o.MinLearningRate, epoch, _o.MaxEpochs);
                FineTuning.SetLearningRate(optimizer, rateMultipliers, lr);

                // Dropout and shuffling are functions of (seed, epoch): a resumed run replays the same epochs. Inside an
                // epoch, a mid-epoch checkpoint carries the generator's state at its step.
                dropout.manual_seed(unchecked(_o.Seed * 1_000_003L + epoch));
                var start = EpochProgress.Start;
                if (epoch == startEpoch && resumeProgress is not null)
                {
                    start = resumeProgress;
                    if (resumeRandom is not null)
                        RestoreRandomState(dropout, resumeRandom);
                }
                var shuffle = new Random(unchecked(_o.Seed * 7919 + epoch * 104_729));
                var done = TrainEpoch(network, optimizer, train, shape, device, shuffle, epoch, steps, start, stepsPerEpoch,
                    _o.CheckpointDirectory is null ? null : progress => SaveCheckpoint(epoch, progress));
                steps += done.Steps;
                double trainSeconds = done.Seconds;
                double priorSeconds = done.Seconds - clock.Elapsed.TotalSeconds; // spent before an interruption
                double loss = done.LossSum / done.Images, accuracy = (double)done.Correct / done.Images;
                long images = done.Images, skipped = done.SkippedRows;

                double? validationLoss = null, validationAccuracy = null;
                if (_validation is not null)
                {
                    (validationLoss, validationAccuracy) = Evaluate(network, _validation, shape, device);
                    // Finite training losses with a non-finite validation loss: the weights or the BatchNorm statistics
                    // blew up in this epoch. Its checkpoint must not replace the last good one.
                    if (validationLoss is double vl && !double.IsFinite(vl))
                        throw Diverged(epoch, $"end of the epoch (validation loss {vl})");
                }
                var report = new EpochReport(epoch, _o.MaxEpochs, steps, loss, accuracy, validationLoss, validationAccuracy,
                    images / Math.Max(trainSeconds, 1e-9), lr, clock.Elapsed + TimeSpan.FromSeconds(Math.Max(0, priorSeconds)), skipped);
                history.Add(report);
                Info(report.ToString());
                if (skipped > 0)
                    Warn($"Epoch {epoch + 1}: {skipped} rows without a label were skipped.");

                if (validationAccuracy is double va && _o.EarlyStoppingPatience is int patience)
                {
                    if (va > bestAccuracy)
                    {
                        bestAccuracy = va;
                        sinceBest = 0;
                        bestWeights = SaveWeights(network);
                    }
                    else if (++sinceBest >= patience)
                    {
                        stoppedEarly = true;
                        Info($"Early stopping after epoch {epoch + 1}: no validation improvement for {patience} epochs.");
                    }
                }

                if (_o.CheckpointDirectory is { } dir)
                {
                    SaveCheckpoint(stoppedEarly ? _o.MaxEpochs : epoch + 1, progress: null);
                    TrainingCheckpoint.Prune(dir, _o.KeepCheckpoints);
                }
                _o.EpochCompleted?.Invoke(report);
            }

            if (bestWeights is not null && _o.EarlyStoppingPatience is not null)
            {
                using var stream = new MemoryStream(bestWeights);
                network.load(stream);
            }
            var runtime = new GapClassifierRuntime(network, description, Guid.NewGuid().ToString("N"));
            var columns = new GapClassifierTransformer.ColumnNames(_o.FeatureColumnName, _o.ScoreColumnName, _o.PredictedLabelColumnName, _o.FeatureMapColumnName);
            return new GapClassifierTransformer(runtime, history, columns, _o.ScoringBatchSize, _train.Schema);
        }

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
        private EpochProgress TrainEpoch(GapNetwork network, MomentumSgd optimizer, IDataView data, PixelColumnShape shape, Device device,
            Random shuffle, int epoch, long stepsBefore, EpochProgress start, long? stepsPerEpoch, Func<EpochProgress, string>? save)
        {
            FineTuning.SetTrainingMode(network, _o);
            var progress = start;
            double lossSum = start.LossSum;
            long correct = start.Correct, images = start.Images, skipped = start.SkippedRows, steps = start.Steps, rows = start.Rows;
            var clock = Stopwatch.StartNew();
            var sinceCheckpoint = Stopwatch.StartNew();
            long imagesThisSession = 0;
            var token = _o.CancellationToken;
            using var reader = new TrainingBatchReader(data, _o.FeatureColumnName, _o.LabelColumnName, shape, _o.BatchSize,
                _o.PrefetchBatches, shuffle, epoch, token, skipRows: start.Rows);

            void Interrupted()
            {
                string? path = save?.Invoke(progress);
                var where = $"epoch {epoch + 1}, step {progress.Steps}";
                Info(path is null ? $"Stopped in {where}; no checkpoint folder is set." : $"Stopped in {where}; checkpoint {path}.");
                throw new TrainingInterruptedException(epoch, progress.Steps, path, token);
            }

            while (true)
            {
                if (token.IsCancellationRequested)
                    Interrupted();
                TrainingBatch? batch;
                try
                {
                    batch = reader.Next();
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    Interrupted();
                    throw; // not reached
                }
                if (batch is null)
                    break;
                skipped += batch.SkippedRows;
                rows += batch.SkippedRows + batch.Count;
                int count = batch.Count;
                if (count == 0)
                {
                    reader.Release(batch);
                    progress = new EpochProgress(steps, rows, lossSum, correct, images, skipped, start.Seconds + clock.Elapsed.TotalSeconds);
                    continue;
                }
                var (stepLoss, stepCorrect) = Step(network, optimizer, reader, batch, shape, device, epoch, stepsBefore + steps + 1);
                lossSum += stepLoss * count;
                correct += stepCorrect;
                images += count;
                imagesThisSession += count;
                steps++;
                double seconds = clock.Elapsed.TotalSeconds;
                progress = new EpochProgress(steps, rows, lossSum, correct, images, skipped, start.Seconds + seconds);
                if (_o.LogInterval > 0 && steps % _o.LogInterval == 0)
                {
                    Info($"epoch {epoch + 1} step {stepsBefore + steps}: loss {lossSum / images:F4} acc {(double)correct / images:P1} " +
                         $"{imagesThisSession / Math.Max(seconds, 1e-9):F1} img/s");
                }
                _o.StepCompleted?.Invoke(new TrainingProgress(epoch, _o.MaxEpochs, steps, stepsPerEpoch, images, lossSum / images,
                    (double)correct / images, imagesThisSession / Math.Max(seconds, 1e-9), TimeSpan.FromSeconds(progress.Seconds)));
                if (save is not null && _o.CheckpointInterval is { } interval && sinceCheckpoint.Elapsed >= interval)
                {
                    string path = save(progress);
                    Info($"Mid-epoch checkpoint {path} (epoch {epoch + 1}, step {steps}).");
                    TrainingCheckpoint.Prune(_o.CheckpointDirectory!, _o.KeepCheckpoints);
                    sinceCheckpoint.Restart();
                }
            }
            if (images == 0)
                throw new InvalidOperationException($"{Component}: the training data has no rows with a label.");
            return progress with { Seconds = start.Seconds + clock.Elapsed.TotalSeconds };
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

        private static byte[] RandomState(Generator generator)
        {
            using var state = generator.get_state();
            return state.data<byte>().ToArray();
        }

        private static void RestoreRandomState(Generator generator, byte[] bytes)
        {
            using var state = tensor(bytes);
            generator.set_state(state);
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
            var texts = KeyValueNames.Read(column) ?? Array.Empty<string>();
            for (int i = 0; i < Math.Min(count, texts.Length); i++)
                names[i] = texts[i];
            return names;
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

        private static byte[] SaveWeights(GapNetwork network)
        {
            using var stream = new MemoryStream();
            network.save(stream);
            return stream.ToArray();
        }

        private static byte[] SaveOptimizer(MomentumSgd optimizer)
        {
            using var stream = new MemoryStream();
            using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
                optimizer.Save(writer);
            return stream.ToArray();
        }

    }
}
