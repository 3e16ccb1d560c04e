using HideAndSeek.DataViews;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.PixelColumns;

/// <summary>The planar C x H x W layout of a float pixel column, as ML.NET's ExtractPixels produces it.</summary>
internal readonly record struct PixelColumnShape(int Channels, int Height, int Width, bool KnownSize)
{
    public int Length => Channels * Height * Width;

    /// <summary>
    /// Reads the layout from the column type: a known-size Single vector with dimensions (C, H, W), or, when
    /// <paramref name="imageSize"/> is given, any Single vector (rows are then checked one by one).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or has the wrong type.</exception>
    public static PixelColumnShape Resolve(DataViewSchema schema, string column, string component,
        (int Height, int Width)? imageSize = null, int channels = 3)
    {
        var col = schema.GetColumnOrNull(column)
            ?? throw new ArgumentOutOfRangeException(nameof(schema),
                $"{component}: input column '{column}' not found. Expected the float pixel column written by ExtractPixels.");
        if (col.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"{component}: column '{column}' has type {col.Type}; expected a vector of Single with dimensions " +
                "(channels, height, width) as written by ExtractPixels.");
        }
        if (imageSize is { } size)
        {
            if (size.Height <= 0 || size.Width <= 0 || channels <= 0)
                throw new ArgumentOutOfRangeException(nameof(imageSize), $"{component}: image size and channels must be positive.");
            var shape = new PixelColumnShape(channels, size.Height, size.Width, vector.IsKnownSize);
            if (vector.IsKnownSize && vector.Size != shape.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(schema),
                    $"{component}: column '{column}' holds {vector.Size} values but {channels} x {size.Height} x {size.Width} = {shape.Length} were configured.");
            }
            return shape;
        }
        if (!vector.IsKnownSize || vector.Dimensions.Length != 3)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"{component}: column '{column}' has type {vector} with unknown image dimensions; expected Vector<Single, C, H, W> " +
                "from ResizeImages + ExtractPixels, or set the image size in the options.");
        }
        return new PixelColumnShape(vector.Dimensions[0], vector.Dimensions[1], vector.Dimensions[2], KnownSize: true);
    }

    /// <summary>
    /// The schema after a step that writes a pixel column of the same shape as its input column (in place, or under a
    /// new name), after checking the input column.
    /// </summary>
    public static SchemaShape SameShapeOutput(SchemaShape inputSchema, string inputColumn, string outputColumn, string component)
    {
        Check(inputSchema, inputColumn, component);
        // A renamed output has the input's shape; ML.NET's own copy estimator derives it (SchemaShape.Column has no
        // public constructor).
        return inputColumn == outputColumn
            ? inputSchema
            : SharedContext.Instance.Transforms.CopyColumns(outputColumn, inputColumn).GetOutputSchema(inputSchema);
    }

    /// <summary>Checks a column at pipeline-construction time, when only its shape is known.</summary>
    public static void Check(SchemaShape schema, string column, string component)
    {
        var found = schema.Where(c => c.Name == column).ToArray();
        if (found.Length == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"{component}: input column '{column}' not found. Expected the float pixel column written by ExtractPixels.");
        }
        var col = found[0];
        if (col.Kind == SchemaShape.Column.VectorKind.Scalar || col.ItemType != NumberDataViewType.Single || col.IsKey)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"{component}: column '{column}' has type {Describe(col)}; expected a vector of Single with dimensions " +
                "(channels, height, width) as written by ExtractPixels.");
        }
    }

    private static string Describe(SchemaShape.Column col)
    {
        string item = col.IsKey ? $"Key<{col.ItemType}>" : $"{col.ItemType}";
        return col.Kind == SchemaShape.Column.VectorKind.Scalar ? item : $"Vector<{item}>";
    }

    /// <summary>Checks one row's length for a variable-length column.</summary>
    public void CheckRow(int length, string column, long position, string component)
    {
        if (length != Length)
        {
            throw new InvalidOperationException(
                $"{component}: row {position} of column '{column}' holds {length} values but every image must be " +
                $"{Channels} x {Height} x {Width} = {Length}. Resize all images to one size (ResizeImages) first.");
        }
    }
}
