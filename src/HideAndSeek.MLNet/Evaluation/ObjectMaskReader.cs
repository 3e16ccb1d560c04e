using HideAndSeek.Photos;
using Microsoft.ML;
using Microsoft.ML.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Evaluation;

/// <summary>
/// Reads the object mask of each row for PxAP, from a text column of mask file paths (any image format ImageSharp
/// decodes; non-zero grey = object, as wsolevaluation's <c>mask &gt; 0.5</c> on 0..255) or from a vector column of
/// H x W singles (&gt; 0.5 = object). A mask of another size is resized to the heatmap's with nearest-neighbour
/// sampling, as wsolevaluation does. An empty path means the row has no mask and is left out of PxAP.
/// </summary>
internal sealed class ObjectMaskReader
{
    private readonly DataViewSchema.Column _column;
    private readonly int _height;
    private readonly int _width;
    private readonly bool[] _mask;
    private ValueGetter<ReadOnlyMemory<char>>? _path;
    private ValueGetter<VBuffer<float>>? _values;
    private ReadOnlyMemory<char> _text;
    private VBuffer<float> _vector;

    private ObjectMaskReader(DataViewSchema.Column column, int height, int width)
    {
        _column = column;
        _height = height;
        _width = width;
        _mask = new bool[height * width];
    }

    /// <summary>A reader for <paramref name="name"/>, or null when the data has no such column (no PxAP then).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is neither text nor a vector of H x W singles.</exception>
    public static ObjectMaskReader? For(DataViewSchema schema, string? name, int height, int width)
    {
        if (string.IsNullOrEmpty(name) || schema.GetColumnOrNull(name) is not { } column)
            return null;
        bool text = column.Type is TextDataViewType;
        bool vector = column.Type is VectorDataViewType { IsKnownSize: true } v && v.ItemType == NumberDataViewType.Single && v.Size == height * width;
        if (!text && !vector)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Localization evaluation: mask column '{name}' has type {column.Type}; expected text (mask file paths) or Vector<Single, {height * width}>.");
        }

        return new ObjectMaskReader(column, height, width);
    }

    /// <summary>The column to activate on the cursor.</summary>
    public DataViewSchema.Column Column => _column;

    /// <summary>Takes the getter from the cursor (once, before the first row).</summary>
    public void Bind(DataViewRowCursor cursor)
    {
        if (_column.Type is TextDataViewType)
            _path = cursor.GetGetter<ReadOnlyMemory<char>>(_column);
        else
            _values = cursor.GetGetter<VBuffer<float>>(_column);
    }

    /// <summary>The current row's mask (row-major, true = object; the buffer is reused), or null when the row has none.</summary>
    /// <param name="row">The row position, for errors.</param>
    /// <param name="photo">
    /// Where the photo lies in the heatmap's pixels, when the mask file is at the photo's size: each heatmap pixel then
    /// takes the mask pixel under its centre (padding is background) instead of a plain nearest-neighbour resize.
    /// </param>
    /// <exception cref="InvalidOperationException">The mask file is missing or cannot be decoded, or is not at the photo's size.</exception>
    public bool[]? Read(long row, PhotoFrame? photo = null)
    {
        if (_values is not null)
        {
            _values(ref _vector);
            int i = 0;
            foreach (float v in _vector.DenseValues())
                _mask[i++] = v > 0.5f;
            return _mask;
        }
        _path!(ref _text);
        string path = _text.ToString();
        if (path.Length == 0)
            return null;
        Image<L8> image;
        try
        {
            image = Image.Load<L8>(path);
        }
        catch (Exception e) when (e is IOException or UnknownImageFormatException or InvalidImageContentException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Localization evaluation: row {row}: cannot read the object mask '{path}': {e.Message}", e);
        }
        using (image)
        {
            if (photo is not null)
            {
                if (image.Width != photo.PhotoWidth || image.Height != photo.PhotoHeight)
                    throw new InvalidOperationException($"Localization evaluation: row {row}: object mask '{path}' is {image.Width} x {image.Height}; its photo is {photo.PhotoWidth} x {photo.PhotoHeight}.");
                for (int y = 0; y < _height; y++)
                {
                    for (int x = 0; x < _width; x++)
                        _mask[y * _width + x] = photo.TryPhotoPixel(x, y, out int px, out int py) && image[px, py].PackedValue != 0;
                }
                return _mask;
            }
            // cv2.resize INTER_NEAREST: source index floor(destination index * source size / destination size).
            for (int y = 0; y < _height; y++)
            {
                int sy = Math.Min(image.Height - 1, (int)((long)y * image.Height / _height));
                for (int x = 0; x < _width; x++)
                {
                    int sx = Math.Min(image.Width - 1, (int)((long)x * image.Width / _width));
                    _mask[y * _width + x] = image[sx, sy].PackedValue != 0;
                }
            }
        }
        return _mask;
    }
}
