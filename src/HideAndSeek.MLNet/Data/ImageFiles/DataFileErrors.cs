namespace HideAndSeek.Data.ImageFiles;

/// <summary>
/// Builds the exceptions for bad dataset files, always in the form "FILE, line N: what was expected", so that a
/// problem in a 100,000-line annotation set can be found without a debugger.
/// </summary>
internal static class DataFileErrors
{
    private const int MaxQuotedLength = 80;

    public static InvalidDataException Invalid(string file, int line, string expected) =>
        new($"{file}, line {line}: {expected}");

    public static InvalidDataException Invalid(string file, string expected) => new($"{file}: {expected}");

    /// <summary>Quotes a piece of input for a message: control characters made visible, long text shortened.</summary>
    public static string Quote(string text)
    {
        var shown = text.Length > MaxQuotedLength ? text[..MaxQuotedLength] + "..." : text;
        var builder = new System.Text.StringBuilder(shown.Length + 2);
        builder.Append('\'');
        foreach (char c in shown)
        {
            switch (c)
            {
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                default:
                    if (char.IsControl(c))
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }
        return builder.Append('\'').ToString();
    }
}
