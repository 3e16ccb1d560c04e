using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HideAndSeek.Tests.Architecture;

/// <summary>
/// Methods, constructors, accessors and operators in src/ and samples/ stay within <see cref="MaxMemberLines"/> lines
/// and files within <see cref="MaxFileLines"/>, unless a comment containing <see cref="Marker"/> says why: right above
/// the member (before or after its XML doc, before its attributes) or at the top of the file (before the first
/// using or namespace). A member's length runs from its first modifier or attribute to its last brace; comments
/// inside count, its doc comment does not.
/// </summary>
public class MemberLengthTests
{
    /// <summary>The reason marker, e.g. <c>// Long because: one table of the seed's layers, read top to bottom.</c></summary>
    public const string Marker = "Long because:";

    private const int MaxMemberLines = 60;
    private const int MaxFileLines = 500;

    [Fact]
    public void No_member_or_file_is_long_without_a_reason()
    {
        string root = RepositoryRoot();
        var offenders = new List<string>();
        foreach (string path in SourceFiles(root))
        {
            string relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            offenders.AddRange(Offenders(relative, File.ReadAllText(path)));
        }
        Assert.True(offenders.Count == 0,
            $"Over {MaxMemberLines} lines (members) or {MaxFileLines} lines (files) without a '// {Marker} ...' comment:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_check_measures_members_and_honours_the_marker()
    {
        string Body(int lines) => string.Concat(Enumerable.Repeat("        x++;\n", lines - 3));
        string source =
            "namespace N;\n" +
            "class C\n{\n" +
            "    int x;\n" +
            "    void Short()\n    {\n" + Body(60) + "    }\n" +
            "    /// <summary>doc</summary>\n" +
            "    [System.Obsolete]\n" +
            "    void TooLong()\n    {\n" + Body(61) + "    }\n" +
            "    // Long because: a test of the marker.\n" +
            "    /// <summary>doc</summary>\n" +
            "    void Justified()\n    {\n" + Body(80) + "    }\n" +
            "    int P\n    {\n        get\n        {\n" + Body(70) + "        }\n    }\n" +
            "    C()\n    {\n" + Body(62) + "    }\n" +
            "}\n";
        var found = Offenders("N/C.cs", source).ToList();
        Assert.Equal(3, found.Count);
        Assert.Contains(found, f => f.Contains("TooLong (62 lines)", StringComparison.Ordinal)); // attribute line + 61
        Assert.Contains(found, f => f.Contains("get (70 lines)", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains(".ctor (62 lines)", StringComparison.Ordinal));
        Assert.StartsWith("N/C.cs:66 ", found.Single(f => f.Contains("TooLong", StringComparison.Ordinal)), StringComparison.Ordinal);

        string longFile = "namespace N;\n" + string.Concat(Enumerable.Repeat("// filler\n", MaxFileLines));
        Assert.Single(Offenders("N/Long.cs", longFile));
        Assert.Empty(Offenders("N/Long.cs", $"// {Marker} one generated table.\n" + longFile));
    }

    private static IEnumerable<string> Offenders(string relativePath, string text)
    {
        var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview), relativePath);
        var rootNode = tree.GetCompilationUnitRoot();
        int fileLines = tree.GetText().Lines.Count - (text.EndsWith('\n') ? 1 : 0);
        if (fileLines > MaxFileLines && !HasMarker(rootNode.GetLeadingTrivia()))
            yield return $"{relativePath}:1 file ({fileLines} lines)";

        foreach (var member in rootNode.DescendantNodes().Where(IsMeasured))
        {
            var span = member.GetLocation().GetLineSpan();
            int lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
            if (lines > MaxMemberLines && !HasMarker(member.GetLeadingTrivia()))
                yield return $"{relativePath}:{span.StartLinePosition.Line + 1} {Name(member)} ({lines} lines)";
        }
    }

    private static bool IsMeasured(SyntaxNode node) => node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
        or LocalFunctionStatementSyntax or PropertyDeclarationSyntax { ExpressionBody: not null };

    private static string Name(SyntaxNode member) => member switch
    {
        MethodDeclarationSyntax m => m.Identifier.Text,
        ConstructorDeclarationSyntax => ".ctor",
        DestructorDeclarationSyntax => "finalizer",
        OperatorDeclarationSyntax o => "operator " + o.OperatorToken.Text,
        ConversionOperatorDeclarationSyntax c => "operator " + c.Type,
        AccessorDeclarationSyntax a => a.Keyword.Text,
        LocalFunctionStatementSyntax l => l.Identifier.Text,
        PropertyDeclarationSyntax p => p.Identifier.Text,
        _ => member.Kind().ToString(),
    };

    private static bool HasMarker(SyntaxTriviaList trivia) => trivia.Any(t =>
        (t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia)
         || t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia))
        && t.ToFullString().Contains(Marker, StringComparison.Ordinal));

    /// <summary>Hand-written C# under src/ and samples/: no build output, nothing a generator wrote.</summary>
    private static IEnumerable<string> SourceFiles(string root)
    {
        foreach (string top in new[] { "src", "samples" })
        {
            foreach (string path in Directory.EnumerateFiles(Path.Combine(root, top), "*.cs", SearchOption.AllDirectories))
            {
                var parts = Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar);
                if (parts.Contains("obj") || parts.Contains("bin") || path.EndsWith(".g.cs", StringComparison.Ordinal)
                    || path.EndsWith(".Designer.cs", StringComparison.Ordinal))
                {
                    continue;
                }

                if (File.ReadLines(path).Take(5).Any(l => l.Contains("<auto-generated", StringComparison.Ordinal)))
                    continue;
                yield return path;
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HideAndSeek.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }
}
