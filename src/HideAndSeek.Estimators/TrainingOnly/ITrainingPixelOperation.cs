using Microsoft.ML.Data;

namespace HideAndSeek.TrainingOnly;

/// <summary>
/// A random change applied to training images only (hiding, augmentation). Its randomness must be a pure function of
/// (its seed, the epoch, the row id), so passes can be replayed and cursors can run in any order or in parallel.
/// </summary>
internal interface ITrainingPixelOperation
{
    /// <summary>Changes one planar C x H x W image in place.</summary>
    void Apply(Span<float> pixels, long epoch, DataViewRowId rowId);
}
