namespace HideAndSeek.Boxes;

/// <summary>The threshold lists of the two evaluation protocols.</summary>
public static class LocalizationThresholds
{
    /// <summary>The seed's CAM thresholds {0.2, 0.3, 0.4, 0.5}, each reported on its own.</summary>
    public static IReadOnlyList<double> Seed { get; } = [0.2, 0.3, 0.4, 0.5];

    /// <summary>wsolevaluation's IoU thresholds in percent, {30, 50, 70}, over which MaxBoxAccV2 averages.</summary>
    public static IReadOnlyList<int> WsolEvaluationIoUPercents { get; } = [30, 50, 70];

    /// <summary>
    /// wsolevaluation's CAM thresholds <c>np.arange(0, 1, interval)</c>, value for value: <c>i * interval</c> for
    /// <c>i = 0 .. ceil(1 / interval) - 1</c>, in double. The default interval 0.01 (100 thresholds) is the one of
    /// wsolevaluation's README and paper tables; its <c>config.py</c> default is 0.001. On the uint8 map both give the same
    /// cuts up to the resolution of 1/255.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not in (0, 1].</exception>
    public static double[] WsolEvaluation(double interval = 0.01)
    {
        if (!(interval > 0.0 && interval <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The interval must be in (0, 1].");
        }

        int count = (int)Math.Ceiling(1.0 / interval);
        var thresholds = new double[count];
        for (int i = 0; i < count; i++)
        {
            thresholds[i] = i * interval;
        }

        return thresholds;
    }
}
