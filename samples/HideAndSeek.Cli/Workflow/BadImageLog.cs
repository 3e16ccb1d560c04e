
using HideAndSeek.Data.ImageFiles;

namespace HideAndSeek.Cli.Workflow;

/// <summary>
/// Collects the unreadable images a dataset left out (reported from the loader threads): each one goes to the log
/// file at once, and a count with the names is printed at the end of the epoch that found them.
/// </summary>
internal sealed class BadImageLog(Action<string> write)
{
    private const int NamesShown = 10;
    private readonly object _gate = new();
    private readonly List<BadImage> _all = new();
    private int _reported;

    public void Add(BadImage image)
    {
        lock (_gate)
            _all.Add(image);
        write($"skipped unreadable image {image.Path}: {image.Problem}");
    }

    public int Count
    {
        get
        {
            lock (_gate)
                return _all.Count;
        }
    }

    /// <summary>A line about the images found since the last call, or null when there are none.</summary>
    public string? TakeNewSummary()
    {
        lock (_gate)
        {
            if (_all.Count == _reported)
                return null;
            var fresh = _all.Skip(_reported).ToList();
            _reported = _all.Count;
            string names = string.Join(", ", fresh.Take(NamesShown).Select(b => b.Path));
            string more = fresh.Count > NamesShown ? $" and {fresh.Count - NamesShown} more (all in train.log)" : "";
            return $"{fresh.Count} unreadable image{(fresh.Count == 1 ? "" : "s")} skipped ({_all.Count} in all): {names}{more}";
        }
    }
}
