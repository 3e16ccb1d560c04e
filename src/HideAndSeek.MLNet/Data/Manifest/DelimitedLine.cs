using HideAndSeek.Data.ImageFiles;
using System.Text;

namespace HideAndSeek.Data.Manifest;

/// <summary>
/// Splits one line of a CSV or TSV manifest into fields. A field may be quoted (<c>"a, b"</c>, with <c>""</c> for a
/// quote inside); unquoted fields are trimmed. A quoted field cannot span lines. Every failure is an
/// <see cref="InvalidDataException"/> naming the file and line.
/// </summary>
internal static class DelimitedLine
{
    public static string[] Split(string line, char delimiter, string file, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            // Start of a field: skip blanks before a possible opening quote.
            int start = i;
            while (i < line.Length && line[i] != delimiter && (line[i] == ' ' || line[i] == '\t' && delimiter != '\t'))
                i++;
            if (i < line.Length && line[i] == '"')
            {
                i = ReadQuoted(line, i + 1, field, file, lineNumber);
                while (i < line.Length && line[i] != delimiter && char.IsWhiteSpace(line[i]))
                    i++;
                if (i < line.Length && line[i] != delimiter)
                {
                    throw DataFileErrors.Invalid(file, lineNumber,
                        $"expected a delimiter after the closing quote of field {fields.Count + 1} but found {DataFileErrors.Quote(line[i..])}");
                }

                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                int end = line.IndexOf(delimiter, start);
                if (end < 0)
                    end = line.Length;
                fields.Add(line[start..end].Trim());
                i = end;
            }
            if (i >= line.Length)
                return fields.ToArray();
            i++; // past the delimiter; a delimiter at the very end means one more, empty field
            if (i == line.Length)
            {
                fields.Add("");
                return fields.ToArray();
            }
        }
    }

    private static int ReadQuoted(string line, int i, StringBuilder field, string file, int lineNumber)
    {
        while (i < line.Length)
        {
            char c = line[i];
            if (c == '"')
            {
                if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            field.Append(c);
            i++;
        }
        throw DataFileErrors.Invalid(file, lineNumber,
            "expected a closing quote but the line ended (a quoted field cannot span lines)");
    }
}
