using System.Diagnostics;
using System.Globalization;

namespace HideAndSeek.Cli.Workflow;

/// <summary>
/// Progress of a pass over scored rows (evaluation, picture writing): on a terminal a live status line (bar, rows,
/// images/s, time left) rewritten in place, like <see cref="TrainingProgressDisplay"/>; when the output is redirected
/// a plain line every <see cref="PlainInterval"/>. Thread-safe: ML.NET may read one pass with several cursors.
/// </summary>
internal sealed class RowProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan EstimateAfter = TimeSpan.FromSeconds(3);
    private const int BarWidth = 24;
    private readonly object _gate = new();
    private readonly bool _live;
    private readonly TextWriter _out;
    private readonly Func<TimeSpan> _clock;
    private string _task = "";
    private long? _total;
    private TimeSpan _started;
    private TimeSpan _lastShown;
    private int _liveLength;

    /// <param name="live">Rewrite one line in place (a terminal) instead of printing plain lines.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="clock">Elapsed time since some fixed point; a stopwatch by default (tests pass their own).</param>
    public RowProgressDisplay(bool live, TextWriter output, Func<TimeSpan>? clock = null)
    {
        _live = live;
        _out = output;
        if (clock is null)
        {
            var watch = Stopwatch.StartNew();
            clock = () => watch.Elapsed;
        }
        _clock = clock;
    }

    /// <summary>A live display on a terminal, plain lines otherwise.</summary>
    public static RowProgressDisplay ForConsole() => new(!Console.IsOutputRedirected, Console.Out);

    /// <summary>Starts a pass: <paramref name="task"/> names it, <paramref name="total"/> is its row count when known.</summary>
    public void Start(string task, long? total)
    {
        lock (_gate)
        {
            ClearLine();
            _task = task;
            _total = total;
            _started = _lastShown = _clock();
        }
    }

    /// <summary>Reports that <paramref name="done"/> rows of the pass have been read.</summary>
    public void Rows(long done)
    {
        lock (_gate)
        {
            var now = _clock();
            bool last = _total is long total && done >= total;
            if (_live)
            {
                if (now - _lastShown < LiveInterval && !last)
                    return;
                _lastShown = now;
                string line = Live(_task, done, _total, now - _started);
                _out.Write("\r" + line.PadRight(_liveLength));
                _liveLength = line.Length;
                _out.Flush();
            }
            else if (now - _lastShown >= PlainInterval)
            {
                _lastShown = now;
                _out.WriteLine(Plain(_task, done, _total, now - _started));
            }
        }
    }

    /// <summary>Ends the pass: clears the live line so that the next full line starts on a clean row.</summary>
    public void End()
    {
        lock (_gate)
            ClearLine();
    }

    private void ClearLine()
    {
        if (_live && _liveLength > 0)
        {
            _out.Write("\r" + new string(' ', _liveLength) + "\r");
            _out.Flush();
            _liveLength = 0;
        }
    }

    internal static string Live(string task, long done, long? total, TimeSpan elapsed)
    {
        string bar = "";
        if (total is > 0)
        {
            int filled = (int)Math.Clamp(done * BarWidth / total.Value, 0, BarWidth);
            bar = "[" + new string('#', filled) + new string('-', BarWidth - filled) + "] ";
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"{task} {bar}{done}{Total(total)} images {Rate(done, elapsed):F1} img/s{Remaining(done, total, elapsed, " ETA ", "")}");
    }

    internal static string Plain(string task, long done, long? total, TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"{task}: {done}{Total(total)} images{Percent(done, total)}, {Rate(done, elapsed):F1} img/s{Remaining(done, total, elapsed, ", about ", " left")}");

    private static string Total(long? total) => total is long t ? string.Create(CultureInfo.InvariantCulture, $"/{t}") : "";

    private static string Percent(long done, long? total) =>
        total is > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({100.0 * done / total.Value:F0} %)") : "";

    private static double Rate(long done, TimeSpan elapsed) => elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;

    private static string Remaining(long done, long? total, TimeSpan elapsed, string before, string after)
    {
        double rate = Rate(done, elapsed);
        // The first rows carry the start-up (loading, the first batch): no estimate from them.
        if (total is not long t || done <= 0 || rate <= 0 || done >= t || elapsed < EstimateAfter)
            return "";
        return before + Duration(TimeSpan.FromSeconds((t - done) / rate)) + after;
    }

    private static string Duration(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes:D2} min")
        : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes} min {t.Seconds:D2} s")
        : string.Create(CultureInfo.InvariantCulture, $"{t.Seconds} s");
}
