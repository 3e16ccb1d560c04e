using HideAndSeek.PixelColumns;
using static TorchSharp.torch;

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

    /// <summary>
    /// The filled images (Count x 3 x H x W) and class indices as tensors on <paramref name="device"/>, made in the
    /// caller's dispose scope; <c>torch.tensor</c> copies, so the batch may be released right after.
    /// </summary>
    public (Tensor Images, Tensor Labels) ToTensors(PixelColumnShape shape, Device device)
    {
        var images = tensor(Pixels, new long[] { Pixels.Length / shape.Length, 3, shape.Height, shape.Width });
        var labels = tensor(Labels);
        return (images.narrow(0, 0, Count).to(device), labels.narrow(0, 0, Count).to(device));
    }
}
