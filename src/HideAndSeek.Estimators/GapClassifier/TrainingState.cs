using HideAndSeek.Networks;
using static TorchSharp.torch;

namespace HideAndSeek.GapClassifier;

/// <summary>
/// What one training run carries from epoch to epoch besides the network and the optimiser: the epoch reports, the
/// optimiser steps taken, the early-stopping state, and where the run started (epoch 0, or a checkpoint). A checkpoint
/// is this state plus the network's and the optimiser's, and a resumed run rebuilds it from one.
/// </summary>
internal sealed class TrainingState
{
    private EpochProgress? _resumeProgress;
    private readonly byte[]? _resumeRandom;

    private TrainingState(EarlyStopping earlyStopping, int startEpoch = 0, long steps = 0, IEnumerable<EpochReport>? history = null,
        EpochProgress? resumeProgress = null, byte[]? resumeRandom = null)
    {
        EarlyStopping = earlyStopping;
        StartEpoch = startEpoch;
        Steps = steps;
        History = new List<EpochReport>(history ?? Array.Empty<EpochReport>());
        _resumeProgress = resumeProgress;
        _resumeRandom = resumeRandom;
    }

    /// <summary>A run from the first epoch.</summary>
    public static TrainingState New(int? patience) => new(new EarlyStopping(patience));

    /// <summary>A run continuing from <paramref name="checkpoint"/> (after an epoch or within one).</summary>
    public static TrainingState Resume(TrainingCheckpoint checkpoint, int? patience) => new(
        new EarlyStopping(patience, checkpoint.BestValidationAccuracy, checkpoint.EpochsWithoutImprovement, checkpoint.BestNetworkState,
            checkpoint.StoppedEarly),
        checkpoint.CompletedEpochs, checkpoint.Steps - checkpoint.StepsInEpoch, checkpoint.History, checkpoint.InProgress, checkpoint.RandomState);

    /// <summary>The first epoch this run trains.</summary>
    public int StartEpoch { get; }

    /// <summary>Optimiser steps in the completed epochs.</summary>
    public long Steps { get; set; }

    public List<EpochReport> History { get; }

    public EarlyStopping EarlyStopping { get; }

    /// <summary>
    /// Where <paramref name="epoch"/> starts: at its beginning, or, for the epoch a mid-epoch checkpoint stopped in, at
    /// the checkpoint's step with the dropout generator's state of that moment (given back once).
    /// </summary>
    public EpochProgress StartOf(int epoch, Generator dropout)
    {
        if (epoch != StartEpoch || _resumeProgress is not { } progress)
            return EpochProgress.Start;
        _resumeProgress = null;
        if (_resumeRandom is not null)
        {
            using var state = tensor(_resumeRandom);
            dropout.set_state(state);
        }
        return progress;
    }

    /// <summary>
    /// The checkpoint after <paramref name="completedEpochs"/> epochs and, when <paramref name="progress"/> is set,
    /// that far into the next one (then with the dropout generator's state).
    /// </summary>
    public TrainingCheckpoint Checkpoint(int completedEpochs, EpochProgress? progress, NetworkDescription description, GapNetwork network,
        MomentumSgd optimizer, Generator dropout) => new()
        {
            CompletedEpochs = completedEpochs,
            Description = description,
            NetworkState = WeightsOf(network),
            OptimizerState = StateOf(optimizer),
            History = History,
            Steps = Steps + (progress?.Steps ?? 0),
            BestValidationAccuracy = EarlyStopping.BestAccuracy,
            EpochsWithoutImprovement = EarlyStopping.EpochsWithoutImprovement,
            BestNetworkState = EarlyStopping.BestWeights,
            StoppedEarly = EarlyStopping.Stopped,
            InProgress = progress,
            RandomState = progress is null ? null : StateOf(dropout),
        };

    public static byte[] WeightsOf(GapNetwork network)
    {
        using var stream = new MemoryStream();
        network.save(stream);
        return stream.ToArray();
    }

    private static byte[] StateOf(MomentumSgd optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            optimizer.Save(writer);
        return stream.ToArray();
    }

    private static byte[] StateOf(Generator generator)
    {
        using var state = generator.get_state();
        return state.data<byte>().ToArray();
    }
}
