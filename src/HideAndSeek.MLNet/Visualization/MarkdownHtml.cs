using System.Net;
using System.Text;

namespace HideAndSeek.Visualization;

/// <summary>
/// Turns the small Markdown subset that <c>LocalizationMetrics.ToMarkdown()</c> writes into HTML: pipe tables (header
/// row, alignment row, body rows) become tables, other non-blank lines become paragraphs. Everything is HTML-escaped.
/// </summary>
internal static class MarkdownHtml
{
    public static string Convert(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var html = new StringBuilder();
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0)
                continue;
            if (IsTableRow(line))
            {
                int end = i;
                while (end < lines.Length && IsTableRow(lines[end].Trim()))
                    end++;
                WriteTable(html, lines[i..end].Select(l => l.Trim()).ToArray());
                i = end - 1;
            }
            else
            {
                html.Append("<p>").Append(Inline(line)).Append("</p>\n");
            }
        }
        return html.ToString();
    }

    private static bool IsTableRow(string line) => line.StartsWith('|');

    private static void WriteTable(StringBuilder html, string[] rows)
    {
        var header = Cells(rows[0]);
        bool hasAlignment = rows.Length > 1 && Cells(rows[1]).All(c => c.Length > 0 && c.Trim(':', '-').Length == 0);
        var alignment = hasAlignment ? Cells(rows[1]).Select(Alignment).ToArray() : [];
        html.Append("<table>\n<thead><tr>");
        for (int c = 0; c < header.Length; c++)
            html.Append("<th").Append(Align(alignment, c)).Append('>').Append(Inline(header[c])).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows.Skip(hasAlignment ? 2 : 1))
        {
            html.Append("<tr>");
            var cells = Cells(row);
            for (int c = 0; c < cells.Length; c++)
                html.Append("<td").Append(Align(alignment, c)).Append('>').Append(Inline(cells[c])).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static string[] Cells(string row)
    {
        string inner = row.Trim();
        if (inner.StartsWith('|'))
            inner = inner[1..];
        if (inner.EndsWith('|'))
            inner = inner[..^1];
        return inner.Split('|').Select(c => c.Trim()).ToArray();
    }

    private static string Alignment(string separator) => (separator.StartsWith(':'), separator.EndsWith(':')) switch
    {
        (true, true) => "center",
        (false, true) => "right",
        (true, false) => "left",
        _ => "",
    };

    private static string Align(string[] alignment, int column) =>
        column < alignment.Length && alignment[column].Length > 0 ? $" style=\"text-align:{alignment[column]}\"" : "";

    // Markdown backslash escapes (the metrics write "\*") become the plain character.
    private static string Inline(string text) => WebUtility.HtmlEncode(text.Replace("\\*", "*").Replace("\\|", "|"));
}
