namespace HideAndSeek.TrainingOnly;

/// <summary>
/// The epoch a trainer is about to read, visible to training-only transforms while the trainer opens its cursors.
/// It makes per-epoch randomness (hiding masks, augmentations) a function of the epoch number, so a run resumed from
/// a checkpoint sees exactly the masks an uninterrupted run would have seen.
/// </summary>
internal static class TrainingEpoch
{
    private static readonly AsyncLocal<int?> CurrentEpoch = new();

    /// <summary>The epoch whose cursors are being opened, or null outside a trainer.</summary>
    public static int? Current => CurrentEpoch.Value;

    /// <summary>Marks cursors opened until disposal as belonging to <paramref name="epoch"/>.</summary>
    public static IDisposable Enter(int epoch)
    {
        var previous = CurrentEpoch.Value;
        CurrentEpoch.Value = epoch;
        return new Scope(previous);
    }

    private sealed class Scope : IDisposable
    {
        private readonly int? _previous;

        public Scope(int? previous) => _previous = previous;

        public void Dispose() => CurrentEpoch.Value = _previous;
    }
}
