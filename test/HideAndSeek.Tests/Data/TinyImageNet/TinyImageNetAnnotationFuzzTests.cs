using CsCheck;
using HideAndSeek.Data.ImageFiles;
using HideAndSeek.Data.TinyImageNet;
using System.Globalization;

namespace HideAndSeek.Tests.Data.TinyImageNet;

/// <summary>Random garbage must give an <see cref="InvalidDataException"/> naming file and line, never another exception.</summary>
public class TinyImageNetAnnotationFuzzTests
{
    private const string File = "/data/some/boxes.txt";
    private const string Garbage = "0123456789-+ .,eE\tabcXYZ/\\_é∞\u0000\u00a0\u2212٣";

    private static readonly Gen<string> GarbageText =
        Gen.Char[Garbage].Array[0, 24].Select(chars => new string(chars));

    private static readonly Gen<string> Field = Gen.OneOf(
        Gen.Int[-3, 70].Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Long.Select(i => i.ToString(CultureInfo.InvariantCulture)),
        GarbageText,
        Gen.OneOfConst("", "n02165456", "x.JPEG", "..", " 5", "5 ", "+7", "0x1F", "1e2"));

    /// <summary>Either free garbage or TAB-joined fields, which often come close to a valid line.</summary>
    private static readonly Gen<string> Line = Gen.OneOf(
        GarbageText,
        Field.Array[0, 8].Select(fields => string.Join('\t', fields)),
        Gen.Int[-3, 70].Array[4].Select(c => "a.JPEG\t" + string.Join('\t', c)),
        Gen.Int[-3, 70].Array[4].Select(c => "a.JPEG\tn02165456\t" + string.Join('\t', c)));

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
    public void Garbage_train_lines_give_invalid_data_naming_file_and_line()
    {
        Gen.Select(Line, Gen.Int[1, 200_000]).Sample((line, lineNumber) => AssertParsesOrNamesFileAndLine(() =>
        {
            var (name, box) = TinyImageNetAnnotationParser.ParseTrainLine(line, File, lineNumber, 64);
            Assert.False(string.IsNullOrEmpty(name));
            AssertValid(box);
        }, lineNumber), iter: 5000);
    }

    [Fact]
    public void Garbage_validation_lines_give_invalid_data_naming_file_and_line()
    {
        Gen.Select(Line, Gen.Int[1, 200_000]).Sample((line, lineNumber) => AssertParsesOrNamesFileAndLine(() =>
        {
            var (name, wnid, box) = TinyImageNetAnnotationParser.ParseValidationLine(line, File, lineNumber, 64);
            Assert.False(string.IsNullOrEmpty(name));
            Assert.True(TinyImageNetAnnotationParser.IsValidWnid(wnid));
            AssertValid(box);
        }, lineNumber), iter: 5000);
    }

    [Fact]
    public void Garbage_line_in_a_boxes_file_is_reported_at_its_line_by_the_reader()
    {
        using var layout = new SmallLayout();
        string boxes = layout.BoxesFile(SmallLayout.ClassA);
        var noNewLines = Line.Select(l => l.Replace('\n', ' ').Replace('\r', ' '));
        Gen.Select(noNewLines, Gen.Int[0, 3]).Sample((line, position) =>
        {
            var lines = Enumerable.Range(0, 3).Select(i => $"n0000001_{i}.JPEG\t{i}\t{i}\t{i + 1}\t{i + 1}").ToList();
            lines.Insert(position, line);
            System.IO.File.WriteAllText(boxes, string.Concat(lines.Select(l => l + "\n")));
            try
            {
                TinyImageNetReader.Read(layout.Root, TinyImageNetSplit.Train, new TinyImageNetOptions { VerifyImagesExist = false });
            }
            catch (InvalidDataException e)
            {
                Assert.StartsWith($"{boxes}, line {position + 1}: expected", e.Message);
            }
        }, iter: 300, threads: 1); // one file, rewritten each time: no parallel iterations
    }

    private static void AssertValid(PixelBox box)
    {
        Assert.InRange(box.XMin, 0, 63);
        Assert.InRange(box.YMin, 0, 63);
        Assert.InRange(box.XMax, box.XMin, 63);
        Assert.InRange(box.YMax, box.YMin, 63);
    }
}
