using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.DataViews;

/// <summary>
/// What the values of a key column stand for: ML.NET's KeyValues annotation (MapValueToKey writes it), as text. Class
/// names come from here wherever a component reads them from a label or predicted-label column.
/// </summary>
internal static class KeyValueNames
{
    private const string Annotation = "KeyValues"; // ML.NET's AnnotationUtils.Kinds.KeyValues (internal)

    /// <summary>
    /// The name of each key value in order, or null when the column has no KeyValues annotation. Text values are
    /// returned as they are; numbers and other types in their invariant text form.
    /// </summary>
    public static string[]? Read(DataViewSchema.Column column)
    {
        if (column.Annotations.Schema.GetColumnOrNull(Annotation) is not { Type: VectorDataViewType values })
            return null;
        if (values.ItemType is TextDataViewType)
        {
            VBuffer<ReadOnlyMemory<char>> texts = default;
            column.Annotations.GetValue(Annotation, ref texts);
            return texts.DenseValues().Select(v => v.ToString()).ToArray();
        }
        var read = typeof(KeyValueNames).GetMethod(nameof(ReadAsText), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(values.ItemType.RawType);
        return (string[])read.Invoke(null, new object[] { column.Annotations })!;
    }

    private static string[] ReadAsText<T>(DataViewSchema.Annotations annotations)
    {
        VBuffer<T> values = default;
        annotations.GetValue(Annotation, ref values);
        return values.DenseValues().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray();
    }
}
