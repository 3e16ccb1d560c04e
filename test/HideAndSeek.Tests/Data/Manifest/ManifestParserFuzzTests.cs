using CsCheck;
using HideAndSeek.Data.Manifest;

namespace HideAndSeek.Tests.Data.Manifest;

/// <summary>Random manifest lines must parse or give an <see cref="InvalidDataException"/> naming file and line.</summary>
public class ManifestParserFuzzTests
{
    private const string File = "/data/annotations.csv";
    private const string Garbage = "0123456789-+ .,;\"eE\tabcXYZ/\\_é∞\u0000\u00a0\u2212٣";

    private static readonly Gen<string> GarbageText = Gen.Char[Garbage].Array[0, 30].Select(chars => new string(chars));

    private static readonly Gen<string> Field = Gen.OneOf(
        Gen.Int[-3, 500].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        GarbageText,
        Gen.OneOfConst("", "a.jpg", "\"q,uoted\"", "\"open", "\"\"", " 5 ", "1e9", "99999999999", "train", "cat"));

    private static readonly Gen<string> Line = Gen.OneOf(
        GarbageText,
        Field.Array[0, 12].Select(fields => string.Join(',', fields)),
        Field.Array[0, 12].Select(fields => string.Join('\t', fields)));

    private static readonly Gen<string> HeaderName = Gen.OneOfConst(
        "image", "label", "xmin", "ymin", "xmax", "ymax", "split", "mask", "width", "height",
        "head_xmin", "head_ymin", "head_xmax", "head_ymax", "extra", "", "\"image\"", "IMAGE");

    private static void AssertParsesOrNamesFileAndLine(Action parse, int lineNumber)
    {
        try
        {
            parse();
        }
        catch (InvalidDataException e)
        {
            Assert.StartsWith($"{File}, line {lineNumber}: expected", e.Message);
        }
    }

    [Fact]
    public void Random_rows_under_a_full_header_parse_or_name_file_and_line()
    {
        var header = ManifestHeader.Parse("image,label,xmin,ymin,xmax,ymax,split,width,height,head_xmin,head_ymin,head_xmax,head_ymax",
            ',', "head_", File, 1);
        Gen.Select(Line, Gen.Int[2, 100_000]).Sample((line, number) =>
            AssertParsesOrNamesFileAndLine(() =>
            {
                var row = ManifestRowParser.Parse(header, line, ',', File, number);
                if (row.Box is { } box)
                    Assert.True(box.XMin >= 0 && box.YMin >= 0 && box.XMin <= box.XMax && box.YMin <= box.YMax);
            }, number), iter: 20_000);
    }

    [Fact]
    public void Random_headers_parse_or_name_file_and_line()
    {
        Gen.OneOf(HeaderName.Array[0, 14].Select(n => string.Join(',', n)), GarbageText).Sample(line =>
            AssertParsesOrNamesFileAndLine(() => ManifestHeader.Parse(line, ',', "head_", File, 1), 1), iter: 20_000);
    }

    [Fact]
    public void Fields_written_with_quotes_read_back_as_written()
    {
        Gen.String.Array[1, 6].Sample(fields =>
        {
            string line = string.Join(',', fields.Select(f => "\"" + f.Replace("\"", "\"\"") + "\""));
            if (line.Contains('\n') || line.Contains('\r'))
                return; // a line never holds a line break
            Assert.Equal(fields, DelimitedLine.Split(line, ',', File, 7));
        }, iter: 5_000);
    }
}
