using System.Reflection;

namespace HideAndSeek.Tests.Architecture;

/// <summary>Which namespace refers to which, with one example reference per edge, and the cycles among them.</summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Namespaces => _edges.Keys;

    /// <summary>The graph of the namespaces declared in <paramref name="assemblies"/> (references to others are left out).</summary>
    public static NamespaceGraph Of(IEnumerable<Assembly> assemblies)
    {
        var graph = new NamespaceGraph();
        var ours = assemblies.ToHashSet();
        foreach (var type in ours.SelectMany(a => a.GetTypes()))
        {
            if (type.Namespace is not { } from)
                continue;
            graph.Node(from);
            foreach (var target in TypeReferences.Of(type))
            {
                if (ours.Contains(target.Assembly) && target.Namespace is { } to && to != from)
                    graph.Add(from, to, $"{type.FullName} -> {target.FullName}");
            }
        }
        return graph;
    }

    /// <summary>Every edge with its example reference.</summary>
    public IEnumerable<(string From, string To, string Example)> Edges =>
        _edges.SelectMany(e => e.Value.Select(t => (e.Key, t.Key, t.Value)));

    public void Add(string from, string to, string example)
    {
        Node(to);
        Node(from).TryAdd(to, example);
    }

    /// <summary>The strongly connected components of more than one namespace (Tarjan's algorithm).</summary>
    public List<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<IReadOnlyList<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in _edges[v].Keys)
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }
            if (low[v] != index[v])
                return;
            var component = new List<string>();
            string popped;
            do
            {
                popped = stack.Pop();
                onStack.Remove(popped);
                component.Add(popped);
            }
            while (popped != v);
            if (component.Count > 1)
                result.Add(component);
        }
        foreach (var node in _edges.Keys.Order().ToList())
        {
            if (!index.ContainsKey(node))
                Visit(node);
        }
        return result;
    }

    /// <summary>The edges inside one cycle, each with an example reference.</summary>
    public string Describe(IReadOnlyList<string> cycle) =>
        string.Join("\n", cycle.Order().SelectMany(from => _edges[from].Where(e => cycle.Contains(e.Key))
            .Select(e => $"  {from} -> {e.Key}: {e.Value}")));

    private Dictionary<string, string> Node(string name)
    {
        if (!_edges.TryGetValue(name, out var targets))
            _edges[name] = targets = new Dictionary<string, string>(StringComparer.Ordinal);
        return targets;
    }
}
