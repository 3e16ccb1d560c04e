using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;
using System.Reflection;
using System.Text.RegularExpressions;

namespace HideAndSeek.Tests.Architecture;

/// <summary>
/// The namespace dependencies written in docs/architecture.md (the fenced <c>dependencies</c> block: one line per
/// namespace, "A -> B, C") are the code's: a new edge or a gone one fails here with the block to paste, so the
/// document cannot drift from the code. Names drop the "HideAndSeek." prefix.
/// </summary>
public class NamespaceDependencyTests
{
    private static readonly Assembly[] Libraries = { typeof(GapClassifierTrainer).Assembly, typeof(TinyImageNetReader).Assembly };

    [Fact]
    public void The_architecture_documents_every_namespace_dependency_of_the_code()
    {
        var graph = NamespaceGraph.Of(Libraries);
        var actual = graph.Edges.ToDictionary(e => (Short(e.From), Short(e.To)), e => e.Example);
        var documented = Documented(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "architecture.md")));
        var missing = actual.Keys.Where(e => !documented.Contains(e)).Order().ToList();
        var extra = documented.Where(e => !actual.ContainsKey(e)).Order().ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            "docs/architecture.md's dependencies block differs from the code.\n" +
            (missing.Count > 0 ? "In the code, not in the document:\n" + string.Join("\n", missing.Select(e => $"  {e.Item1} -> {e.Item2}   ({actual[e]})")) + "\n" : "") +
            (extra.Count > 0 ? "In the document, not in the code:\n" + string.Join("\n", extra.Select(e => $"  {e.Item1} -> {e.Item2}")) + "\n" : "") +
            "If the new edges are meant (no cycle: NamespaceCycleTests), paste this block and update the picture:\n" + Block(actual.Keys));
    }

    [Fact]
    public void The_block_is_read_line_by_line_with_comma_separated_targets()
    {
        var edges = Documented("text\n```dependencies\nA -> B, C\nD -> E\n```\n```dependencies-not\nX -> Y\n```\n");
        Assert.Equal(new[] { ("A", "B"), ("A", "C"), ("D", "E") }, edges.Order());
    }

    /// <summary>The block for <paramref name="edges"/>: sources in order, each with its targets in order.</summary>
    internal static string Block(IEnumerable<(string From, string To)> edges) =>
        "```dependencies\n" + string.Join("\n", edges.GroupBy(e => e.From).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} -> {string.Join(", ", g.Select(e => e.To).Order(StringComparer.Ordinal))}")) + "\n```";

    private static HashSet<(string, string)> Documented(string markdown)
    {
        var block = Regex.Match(markdown, @"^```dependencies\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline);
        Assert.True(block.Success, "docs/architecture.md has no ```dependencies block");
        var edges = new HashSet<(string, string)>();
        foreach (var line in block.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split("->", 2, StringSplitOptions.TrimEntries);
            Assert.True(parts.Length == 2, $"not 'A -> B, C': {line}");
            foreach (var to in parts[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                edges.Add((parts[0], to));
        }
        return edges;
    }

    private static string Short(string ns) => ns.StartsWith("HideAndSeek.", StringComparison.Ordinal) ? ns["HideAndSeek.".Length..] : ns;

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
