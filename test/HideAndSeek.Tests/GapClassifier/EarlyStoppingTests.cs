using HideAndSeek.GapClassifier;
using HideAndSeek.Networks;
using HideAndSeek.Tests.TestSupport;

namespace HideAndSeek.Tests.GapClassifier;

/// <summary>The early-stopping rule on its own, and its state through a checkpoint (a resumed run stops as the first would).</summary>
public class EarlyStoppingTests
{
    [Fact]
    public void Stops_after_patience_epochs_without_improvement_and_keeps_the_best_weights()
    {
        var stopping = new EarlyStopping(patience: 2);
        int reads = 0;
        byte[] Weights() => new[] { (byte)++reads };
        stopping.Observe(0.5, Weights);
        stopping.Observe(0.7, Weights);
        stopping.Observe(0.7, Weights); // a tie is no improvement
        Assert.False(stopping.Stopped);
        stopping.Observe(0.6, Weights);
        Assert.True(stopping.Stopped);
        Assert.Equal(0.7, stopping.BestAccuracy);
        Assert.Equal(2, stopping.EpochsWithoutImprovement);
        Assert.Equal(new byte[] { 2 }, stopping.WeightsToKeep);
        Assert.Equal(2, reads); // weights are read only for a new best
    }

    [Fact]
    public void Does_nothing_without_a_patience_or_a_validation_accuracy()
    {
        var off = new EarlyStopping(patience: null);
        off.Observe(0.9, () => new byte[] { 1 });
        Assert.Null(off.WeightsToKeep);
        Assert.False(off.Stopped);
        var on = new EarlyStopping(patience: 1);
        on.Observe(null, () => throw new InvalidOperationException("no validation set: weights must not be read"));
        Assert.Null(on.BestWeights);
    }

    [Fact]
    public void A_checkpoint_keeps_whether_the_run_stopped_early()
    {
        using var dir = new TempDirectory();
        var description = new NetworkDescription(GapArchitecture.SmallAlexNetGap, ["a", "b"], [1, 2, 3], 0.25, false, 0.5, 64, 64);
        TrainingCheckpoint Checkpoint(bool stopped) => new()
        {
            CompletedEpochs = 3,
            Description = description,
            NetworkState = [1],
            OptimizerState = [2],
            History = new(),
            Steps = 30,
            BestValidationAccuracy = 0.75,
            EpochsWithoutImprovement = 2,
            BestNetworkState = [3],
            StoppedEarly = stopped,
        };
        var stopped = TrainingCheckpoint.Load(Checkpoint(stopped: true).Save(dir.Combine("stopped")));
        var running = TrainingCheckpoint.Load(Checkpoint(stopped: false).Save(dir.Combine("running")));
        Assert.True(stopped.StoppedEarly);
        Assert.False(running.StoppedEarly);
        Assert.True(TrainingState.Resume(stopped, patience: 2).EarlyStopping.Stopped);
        Assert.Equal(3, TrainingState.Resume(stopped, patience: 2).StartEpoch);
        Assert.Equal(new byte[] { 3 }, TrainingState.Resume(running, patience: 2).EarlyStopping.WeightsToKeep);
    }
}
