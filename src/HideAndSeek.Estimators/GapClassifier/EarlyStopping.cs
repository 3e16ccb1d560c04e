namespace HideAndSeek.GapClassifier;

/// <summary>
/// <see cref="GapClassifierOptions.EarlyStoppingPatience"/>: the best validation accuracy so far, the weights that
/// reached it and the epochs since, and whether the run has stopped. A checkpoint saves all of it, so a resumed run
/// stops where the uninterrupted one would and keeps the same best weights.
/// </summary>
internal sealed class EarlyStopping
{
    private readonly int? _patience;

    public EarlyStopping(int? patience, double bestAccuracy = double.NegativeInfinity, int epochsWithoutImprovement = 0,
        byte[]? bestWeights = null, bool stopped = false)
    {
        _patience = patience;
        BestAccuracy = bestAccuracy;
        EpochsWithoutImprovement = epochsWithoutImprovement;
        BestWeights = bestWeights;
        Stopped = stopped;
    }

    public double BestAccuracy { get; private set; }

    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>The network's state at <see cref="BestAccuracy"/> (null before a first validated epoch).</summary>
    public byte[]? BestWeights { get; private set; }

    /// <summary>True once validation has not improved for the patience's number of epochs: the run ends.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The weights the run should end with: the best epoch's when early stopping is on, else none (the last).</summary>
    public byte[]? WeightsToKeep => _patience is null ? null : BestWeights;

    /// <summary>
    /// Takes an epoch's validation accuracy (nothing happens without one or without a patience); reads the network's
    /// weights through <paramref name="currentWeights"/> only when they are a new best.
    /// </summary>
    public void Observe(double? validationAccuracy, Func<byte[]> currentWeights)
    {
        if (validationAccuracy is not double accuracy || _patience is not int patience)
            return;
        if (accuracy > BestAccuracy)
        {
            BestAccuracy = accuracy;
            EpochsWithoutImprovement = 0;
            BestWeights = currentWeights();
        }
        else if (++EpochsWithoutImprovement >= patience)
        {
            Stopped = true;
        }
    }
}
