using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;

namespace HideAndSeek.Generators;

/// <summary>
/// Writes the fixed-size types of the model format. A custom mapping's output vector size is fixed by an attribute on
/// its row type, and ML.NET recreates a loaded mapping from its contract name alone (no schema definition), so each
/// output size needs a row type of its own, and each (model family, size) pair a factory class of its own with its own
/// contract name. Declared by hand: <c>[PackedRowTiers(min, max)] static partial class PackedRows</c> (one row per
/// power of two from 2^min to 2^max floats) and <c>[PackedMappingTiers("family")] abstract class XMapping&lt;TOutput&gt;</c>
/// (a family's mapping logic, written once). Generated: <c>PackedRows.Row{n}</c>, and <c>XMappingTiers.T{n}</c> with the
/// contract name "family.T{n}" that saved zips name.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PackedTierGenerator : IIncrementalGenerator
{
    private const string RowsAttribute = "HideAndSeek.ModelFormat.PackedRowTiersAttribute";
    private const string FamilyAttribute = "HideAndSeek.ModelFormat.PackedMappingTiersAttribute";

    private static readonly DiagnosticDescriptor NoRows = new(
        "HAS0001", "No packed row tiers", "[PackedMappingTiers] on {0} needs one [PackedRowTiers] class in the assembly",
        "HideAndSeek.ModelFormat", DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly DiagnosticDescriptor BadFamily = new(
        "HAS0002", "Bad packed mapping family", "[PackedMappingTiers] needs a top-level generic class with one type parameter and a contract family name; {0} is not",
        "HideAndSeek.ModelFormat", DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var rows = context.SyntaxProvider.ForAttributeWithMetadataName(RowsAttribute,
            static (node, _) => node is ClassDeclarationSyntax,
            static (c, _) => (Namespace: c.TargetSymbol.ContainingNamespace.ToDisplayString(), Name: c.TargetSymbol.Name,
                Min: (int)c.Attributes[0].ConstructorArguments[0].Value!, Max: (int)c.Attributes[0].ConstructorArguments[1].Value!))
            .Collect();
        var families = context.SyntaxProvider.ForAttributeWithMetadataName(FamilyAttribute,
            static (node, _) => node is ClassDeclarationSyntax,
            static (c, _) => (Namespace: c.TargetSymbol.ContainingNamespace.ToDisplayString(), Name: c.TargetSymbol.Name,
                Arity: ((INamedTypeSymbol)c.TargetSymbol).Arity, Nested: c.TargetSymbol.ContainingType is not null,
                Contract: c.Attributes[0].ConstructorArguments.FirstOrDefault().Value as string ?? ""))
            .Collect();
        context.RegisterSourceOutput(rows.Combine(families), static (output, pair) => Emit(output, pair.Left, pair.Right));
    }

    private static void Emit(SourceProductionContext output,
        ImmutableArray<(string Namespace, string Name, int Min, int Max)> rows,
        ImmutableArray<(string Namespace, string Name, int Arity, bool Nested, string Contract)> families)
    {
        if (rows.Length == 0)
        {
            foreach (var family in families)
                output.ReportDiagnostic(Diagnostic.Create(NoRows, Location.None, family.Name));
            return;
        }
        var r = rows[0];
        var sizes = Enumerable.Range(r.Min, r.Max - r.Min + 1).Select(e => 1 << e).ToArray();
        output.AddSource($"{r.Name}.g.cs", RowsSource(r.Namespace, r.Name, sizes));
        foreach (var family in families)
        {
            if (family.Arity != 1 || family.Nested || family.Contract.Length == 0)
            {
                output.ReportDiagnostic(Diagnostic.Create(BadFamily, Location.None, family.Name));
                continue;
            }
            output.AddSource($"{family.Name}Tiers.g.cs", FamilySource(family.Namespace, family.Name, family.Contract, $"global::{r.Namespace}.{r.Name}", sizes));
        }
    }

    private static string RowsSource(string ns, string name, int[] sizes)
    {
        var s = Header(ns);
        s.Append("partial class ").Append(name).AppendLine();
        s.AppendLine("{");
        foreach (int n in sizes)
        {
            string size = n.ToString(CultureInfo.InvariantCulture);
            s.Append("    /// <summary>Packed model output of ").Append(size).AppendLine(" floats.</summary>");
            s.Append("    internal sealed class Row").Append(size).AppendLine(" : IPackedRow");
            s.AppendLine("    {");
            s.Append("        [global::Microsoft.ML.Data.VectorType(").Append(size).AppendLine("), global::Microsoft.ML.Data.ColumnName(SurrogateColumns.Packed)]");
            s.Append("        public float[] Values { get; set; } = new float[").Append(size).AppendLine("];");
            s.AppendLine();
            s.AppendLine("        [global::Microsoft.ML.Data.ColumnName(SurrogateColumns.Text)]");
            s.AppendLine("        public string Text { get; set; } = \"\";");
            s.AppendLine();
            s.AppendLine("        [global::Microsoft.ML.Data.ColumnName(SurrogateColumns.Text2)]");
            s.AppendLine("        public string Text2 { get; set; } = \"\";");
            s.AppendLine("    }");
        }
        s.AppendLine("}");
        return s.ToString();
    }

    private static string FamilySource(string ns, string family, string contract, string rows, int[] sizes)
    {
        var s = Header(ns);
        s.Append("/// <summary>One sealed <see cref=\"").Append(family).Append("{TOutput}\"/> per packed row size, each with its contract name.</summary>").AppendLine();
        s.Append("internal static class ").Append(family).AppendLine("Tiers");
        s.AppendLine("{");
        foreach (int n in sizes)
        {
            string size = n.ToString(CultureInfo.InvariantCulture);
            s.Append("    [global::Microsoft.ML.Transforms.CustomMappingFactoryAttribute(\"").Append(contract).Append(".T").Append(size).AppendLine("\")]");
            s.Append("    internal sealed class T").Append(size).Append(" : ").Append(family).Append('<').Append(rows).Append(".Row").Append(size).AppendLine(">");
            s.AppendLine("    {");
            s.AppendLine("    }");
        }
        s.AppendLine("}");
        return s.ToString();
    }

    private static StringBuilder Header(string ns) => new StringBuilder()
        .AppendLine("// <auto-generated> by HideAndSeek.Generators.PackedTierGenerator </auto-generated>")
        .AppendLine("#nullable enable")
        .Append("namespace ").Append(ns).AppendLine(";")
        .AppendLine();
}
