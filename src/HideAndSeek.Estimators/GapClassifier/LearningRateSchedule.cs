namespace HideAndSeek.GapClassifier;

/// <summary>How the learning rate moves from its initial to its minimum value over the epochs.</summary>
public enum LearningRateSchedule
{
    /// <summary>Linear decay per epoch from LearningRate (first epoch) to MinLearningRate (last epoch), as in the seed.</summary>
    Linear = 0,

    /// <summary>Half-cosine decay per epoch from LearningRate to MinLearningRate.</summary>
    Cosine = 1,

    /// <summary>LearningRate throughout.</summary>
    Constant = 2,
}

/// <summary>The learning rate of each epoch.</summary>
internal static class LearningRates
{
    public static double At(LearningRateSchedule schedule, double initial, double minimum, int epoch, int epochs)
    {
        if (epochs <= 1 || schedule == LearningRateSchedule.Constant)
            return initial;
        double progress = Math.Clamp((double)epoch / (epochs - 1), 0, 1);
        return schedule switch
        {
            LearningRateSchedule.Cosine => minimum + (initial - minimum) * 0.5 * (1 + Math.Cos(Math.PI * progress)),
            _ => initial + (minimum - initial) * progress,
        };
    }
}
