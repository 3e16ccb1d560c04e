using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;
using System.Reflection;

namespace HideAndSeek.Tests.Architecture;

/// <summary>
/// The namespaces of the two libraries form no cycle: each component can be read, tested and moved with only what it
/// names below it. An edge A -> B means a type in A refers to a type in B (signatures or method bodies).
/// </summary>
public class NamespaceCycleTests
{
    private static readonly Assembly[] Libraries = { typeof(GapClassifierTrainer).Assembly, typeof(TinyImageNetReader).Assembly };

    [Fact]
    public void The_libraries_namespaces_have_no_cycle()
    {
        var graph = NamespaceGraph.Of(Libraries);
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, "Namespace cycles:\n" + string.Join("\n", cycles.Select(graph.Describe)));
    }

    [Fact]
    public void The_check_finds_a_cycle_and_names_the_types_on_it()
    {
        var graph = new NamespaceGraph();
        graph.Add("A", "B", "A.X -> B.Y");
        graph.Add("B", "C", "B.Y -> C.Z");
        graph.Add("C", "A", "C.Z -> A.X");
        graph.Add("C", "D", "C.Z -> D.W");
        var cycle = Assert.Single(graph.Cycles());
        Assert.Equal(new[] { "A", "B", "C" }, cycle.Order());
        Assert.Contains("C.Z -> A.X", graph.Describe(cycle));
    }

    [Fact]
    public void Every_component_namespace_is_in_the_graph()
    {
        var names = NamespaceGraph.Of(Libraries).Namespaces;
        foreach (var expected in new[] { "HideAndSeek.Hiding", "HideAndSeek.Augmentation", "HideAndSeek.TrainingOnly", "HideAndSeek.GapClassifier",
            "HideAndSeek.Networks", "HideAndSeek.CamLocalization", "HideAndSeek.Boxes", "HideAndSeek.Evaluation", "HideAndSeek.ModelFormat" })
        {
            Assert.Contains(expected, names);
        }
    }
}
