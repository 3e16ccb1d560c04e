using System.Text.RegularExpressions;

namespace HideAndSeek.Tests.Packaging;

/// <summary>
/// The program that the READMEs tell a package user to paste is the one CI builds from the packages and runs
/// (samples/ConsumerApp, mode 2, by build/consumer-check.sh), so it cannot go stale.
/// </summary>
public class ReadmeSnippetTests
{
    [Theory]
    [InlineData("README.md")]
    [InlineData("build/package/README.md")]
    public void The_readme_program_is_the_consumer_apps_training_mode(string readme)
    {
        string root = RepositoryRoot();
        var program = File.ReadAllLines(Path.Combine(root, "samples", "ConsumerApp", "Program.cs"))
            .Where(line => !line.Contains("// not in the README", StringComparison.Ordinal));
        Assert.Equal(Code(program), Code(Snippet(File.ReadAllText(Path.Combine(root, readme)))));
    }

    /// <summary>The C# block that starts with the packages' usings.</summary>
    private static IEnumerable<string> Snippet(string markdown)
    {
        var match = Regex.Match(markdown, @"```csharp\n(using HideAndSeek\.Data\.Synthetic;.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, "no C# block starting with 'using HideAndSeek.Data.Synthetic;'");
        return match.Groups[1].Value.Split('\n');
    }

    private static string Code(IEnumerable<string> lines) =>
        string.Join("\n", lines.Select(l => l.TrimEnd()).Where(l => l.Length > 0));

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
