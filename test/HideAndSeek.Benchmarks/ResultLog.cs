using System.Globalization;

namespace HideAndSeek.Benchmarks;

/// <summary>
/// Plain console results, one per line: key=value pairs, then " -- " and a sentence a person can read. Numbers use the
/// invariant culture so scripts can parse them.
/// </summary>
internal static class ResultLog
{
    public static void Result(string sentence, params (string Key, object Value)[] values)
    {
        var pairs = string.Join(' ', values.Select(v => $"{v.Key}={Format(v.Value)}"));
        Console.WriteLine(sentence.Length == 0 ? pairs : $"{pairs} -- {sentence}");
    }

    /// <summary>A line without values: a section header or a note.</summary>
    public static void Note(string text) => Console.WriteLine($"# {text}");

    public static string Format(object value) => value switch
    {
        double d when double.IsNaN(d) => "NaN",
        double d when Math.Abs(d) >= 100 => d.ToString("F1", CultureInfo.InvariantCulture),
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        float f => Format((double)f),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A fixed-decimals number for the lines whose format the issue prescribes.</summary>
    public static string Fixed(double value, int decimals) =>
        double.IsNaN(value) ? "NaN" : value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
