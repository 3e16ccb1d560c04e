using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.DataViews;

/// <summary>
/// Builds the SchemaShape an estimator reports for the columns it adds. SchemaShape columns have no public
/// constructor, so the shape is taken from a custom-mapping estimator whose output row has the right kinds of
/// columns (known-size float vector, key), renamed through a schema definition.
/// </summary>
internal static class OutputShapes
{
    /// <summary>Adds a Score-like vector, a PredictedLabel-like key and a feature-map vector column.</summary>
    public static SchemaShape Add(SchemaShape input, string vectorColumn, string keyColumn, string secondVectorColumn) =>
        Add(input, new[] { vectorColumn, secondVectorColumn }, new[] { keyColumn });

    /// <summary>Adds float-vector columns and key columns with the given names.</summary>
    public static SchemaShape Add(SchemaShape input, IReadOnlyList<string> vectorColumns, IReadOnlyList<string> keyColumns)
    {
        if (vectorColumns.Count > 3 || keyColumns.Count > 2)
            throw new ArgumentOutOfRangeException(nameof(vectorColumns), "At most three vector and two key columns.");
        var definition = SchemaDefinition.Create(typeof(ShapeRow));
        var names = new[] { nameof(ShapeRow.V0), nameof(ShapeRow.V1), nameof(ShapeRow.V2), nameof(ShapeRow.K0), nameof(ShapeRow.K1) };
        var wanted = vectorColumns.Concat(Enumerable.Repeat<string?>(null, 3 - vectorColumns.Count))
            .Concat(keyColumns).Concat(Enumerable.Repeat<string?>(null, 2 - keyColumns.Count)).ToArray();
        for (int i = 0; i < names.Length; i++)
        {
            if (wanted[i] is not null)
                definition[names[i]].ColumnName = wanted[i];
        }
        // Unused members are left out of the definition, so they add no column.
        definition.RemoveAll(c => wanted[Array.IndexOf(names, c.MemberName)] is null);
        var estimator = SharedContext.Instance.Transforms.CustomMapping<NoInput, ShapeRow>((_, _) => { }, contractName: null, outputSchemaDefinition: definition);
        return estimator.GetOutputSchema(input);
    }

    private sealed class NoInput
    {
    }

    private sealed class ShapeRow
    {
        [VectorType(2)]
        public float[] V0 { get; set; } = new float[2];

        [VectorType(2)]
        public float[] V1 { get; set; } = new float[2];

        [VectorType(2)]
        public float[] V2 { get; set; } = new float[2];

        [KeyType(2)]
        public uint K0 { get; set; }

        [KeyType(2)]
        public uint K1 { get; set; }
    }
}
