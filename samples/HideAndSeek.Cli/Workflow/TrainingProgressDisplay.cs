using HideAndSeek.GapClassifier;
using System.Globalization;

namespace HideAndSeek.Cli.Workflow;

/// <summary>
/// Progress inside an epoch: on a terminal a live status line (bar, step, images/s, loss, time left) rewritten in
/// place; when the output is redirected (a log file, a scheduler) a plain line every <see cref="PlainInterval"/>.
/// </summary>
internal sealed class TrainingProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(60);
    private const int BarWidth = 24;
    private readonly bool _live;
    private readonly TextWriter _out;
    private DateTime _lastPlain = DateTime.UtcNow;
    private DateTime _lastLive = DateTime.MinValue;
    private int _liveLength;

    public TrainingProgressDisplay(bool live, TextWriter output)
    {
        _live = live;
        _out = output;
    }

    /// <summary>A live display on a terminal, plain lines otherwise.</summary>
    public static TrainingProgressDisplay ForConsole() => new(!Console.IsOutputRedirected, Console.Out);

    public void Step(TrainingProgress p)
    {
        var now = DateTime.UtcNow;
        if (_live)
        {
            // A few redraws a second are plenty; steps of small networks come faster than a terminal should repaint.
            if (now - _lastLive < TimeSpan.FromMilliseconds(200) && p.Step != p.StepsPerEpoch)
                return;
            _lastLive = now;
            string line = Live(p);
            _out.Write("\r" + line.PadRight(_liveLength));
            _liveLength = line.Length;
            _out.Flush();
        }
        else if (now - _lastPlain >= PlainInterval)
        {
            _lastPlain = now;
            _out.WriteLine(Plain(p));
        }
    }

    /// <summary>Clears the live line so that the next full line (an epoch's summary) starts on a clean row.</summary>
    public void EndLine()
    {
        if (_live && _liveLength > 0)
        {
            _out.Write("\r" + new string(' ', _liveLength) + "\r");
            _liveLength = 0;
        }
        _lastPlain = DateTime.UtcNow;
    }

    internal static string Plain(TrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {p.Epoch + 1}/{p.Epochs}: step {p.Step}{Total(p)}{Percent(p)}, {p.ImagesPerSecond:F1} img/s, loss {p.Loss:F4}, " +
        $"acc {p.Accuracy:P1}{Remaining(p, ", about ", " left in the epoch")}");

    internal static string Live(TrainingProgress p)
    {
        string bar = "";
        if (p.StepsPerEpoch is long total && total > 0)
        {
            int filled = (int)Math.Clamp(p.Step * BarWidth / total, 0, BarWidth);
            bar = "[" + new string('#', filled) + new string('-', BarWidth - filled) + "] ";
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Epoch + 1}/{p.Epochs} {bar}{p.Step}{Total(p)} {p.ImagesPerSecond:F1} img/s loss {p.Loss:F4}{Remaining(p, " ETA ", "")}");
    }

    private static string Total(TrainingProgress p) => p.StepsPerEpoch is long total ? $"/{total}" : "";

    private static string Percent(TrainingProgress p) =>
        p.StepsPerEpoch is long total && total > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({100.0 * p.Step / total:F0} %)") : "";

    private static string Remaining(TrainingProgress p, string before, string after) =>
        p.EpochRemaining is { } left ? before + Duration(left) + after : "";

    private static string Duration(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes:D2} min")
        : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes} min {t.Seconds:D2} s")
        : string.Create(CultureInfo.InvariantCulture, $"{t.Seconds} s");
}
