namespace HideAndSeek.GapClassifier;

/// <summary>A reusable buffer of one mini-batch: images one after another, class indices, and how many are filled.</summary>
internal sealed class TrainingBatch
{
    public TrainingBatch(int capacity, int imageLength)
    {
        Pixels = new float[capacity * imageLength];
        Labels = new long[capacity];
    }

    public float[] Pixels { get; }

    public long[] Labels { get; }

    public int Count { get; set; }

    public long SkippedRows { get; set; }
}
