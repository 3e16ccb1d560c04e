using HideAndSeek.PixelColumns;
using HideAndSeek.Randomness;
using HideAndSeek.TrainingOnly;
using Microsoft.ML.Data;
using System.Buffers;

namespace HideAndSeek.Augmentation;

/// <summary>
/// The seed's imgaug pipelines on one planar C x H x W image: Fliplr, Flipud, Sometimes(Affine rotate),
/// Sometimes(Affine translate), Sometimes(OneOf coarse). Every draw comes from generators seeded by
/// (seed, epoch, row id, step), so an image gets the same augmentation in the same epoch whatever the cursor order or
/// thread, a new one every epoch, and one step's draws do not shift when another step's options change.
/// </summary>
/// <remarks>
/// Flips, rotation and translation are composed into one backward mapping, so the image is resampled once (the
/// translation is by whole pixels, so this equals applying the steps one after another). The only per-image memory is
/// one pooled scratch image and, for a coarse operation, a small stack buffer for the cell grid.
/// </remarks>
internal sealed class SeedAugmenter : ITrainingPixelOperation
{
    private const int StackCells = 1024;
    private const ulong FlipHorizontalStream = 1, FlipVerticalStream = 2, RotateStream = 3, TranslateStream = 4, CoarseStream = 5;

    private readonly double _flipHorizontal, _flipVertical, _rotate, _maxDegrees, _translate, _maxShift;
    private readonly double _coarse, _cellProbability, _minSize, _maxSize;
    private readonly int _minCells;
    private readonly CoarseOperation[] _operations;
    private readonly bool _saturated;
    private readonly float[] _fill;
    private readonly ulong _seed;

    public SeedAugmenter(PixelColumnShape shape, ImageAugmentationOptions options, float[] fill, int seed)
    {
        if (shape.Channels <= 0 || shape.Height <= 0 || shape.Width <= 0)
            throw new ArgumentOutOfRangeException(nameof(shape), "Image dimensions must be positive.");
        if (fill.Length != shape.Channels)
            throw new ArgumentException($"Expected {shape.Channels} fill values, got {fill.Length}.", nameof(fill));
        Channels = shape.Channels;
        Height = shape.Height;
        Width = shape.Width;
        _flipHorizontal = options.FlipHorizontalProbability;
        _flipVertical = options.FlipVerticalProbability;
        _rotate = options.RotateProbability;
        _maxDegrees = options.MaxRotationDegrees;
        _translate = options.TranslateProbability;
        _maxShift = options.MaxTranslationFraction;
        _coarse = options.CoarseProbability;
        _operations = options.CoarseOperations.ToArray();
        _cellProbability = options.CoarseCellProbability;
        _minSize = options.CoarseMinSizeFraction;
        _maxSize = options.CoarseMaxSizeFraction;
        _minCells = options.CoarseMinCells;
        _saturated = options.CoarseReplacement == CoarseReplacement.Saturated;
        _fill = fill.ToArray();
        _seed = unchecked((ulong)seed);
    }

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    public int Length => Channels * Height * Width;

    /// <summary>Augments <paramref name="pixels"/> in place with the draw of (epoch, row).</summary>
    public void Apply(Span<float> pixels, long epoch, DataViewRowId rowId) => Apply(pixels, Draw(epoch, rowId));

    /// <summary>Augments <paramref name="pixels"/> in place with a given draw.</summary>
    public void Apply(Span<float> pixels, in AugmentationDraw draw)
    {
        if (pixels.Length != Length)
            throw new ArgumentException($"Expected {Length} values, got {pixels.Length}.", nameof(pixels));
        if (draw.MovesPixels)
            Warp(pixels, draw);
        if (draw.Coarse is { } operation)
            ApplyCoarse(pixels, draw, operation);
    }

    /// <summary>What happens to the image of (epoch, row), without touching pixels.</summary>
    public AugmentationDraw Draw(long epoch, DataViewRowId rowId)
    {
        ulong key = RowKey(epoch, rowId);
        var flipH = Stream(key, FlipHorizontalStream);
        var flipV = Stream(key, FlipVerticalStream);
        var draw = new AugmentationDraw
        {
            FlipHorizontal = flipH.NextDouble() < _flipHorizontal,
            FlipVertical = flipV.NextDouble() < _flipVertical,
        };

        var rotate = Stream(key, RotateStream);
        if (rotate.NextDouble() < _rotate)
            draw = draw with { Rotate = true, RotationDegrees = (2 * rotate.NextDouble() - 1) * _maxDegrees };

        var translate = Stream(key, TranslateStream);
        if (translate.NextDouble() < _translate)
        {
            double fx = (2 * translate.NextDouble() - 1) * _maxShift;
            double fy = (2 * translate.NextDouble() - 1) * _maxShift;
            // The seed's imgaug rounded translate_percent to whole pixels (np.round: halves to even).
            draw = draw with
            {
                Translate = true,
                ShiftX = (int)Math.Round(fx * Width, MidpointRounding.ToEven),
                ShiftY = (int)Math.Round(fy * Height, MidpointRounding.ToEven),
            };
        }

        var coarse = Stream(key, CoarseStream);
        if (_operations.Length > 0 && coarse.NextDouble() < _coarse)
        {
            var operation = _operations.Length == 1 ? _operations[0] : _operations[coarse.NextInt(_operations.Length)];
            // imgaug's FromLowerResolution: one size fraction per axis, truncated to cells, at least min_size.
            double m = _minSize + coarse.NextDouble() * (_maxSize - _minSize);
            double n = _minSize + coarse.NextDouble() * (_maxSize - _minSize);
            draw = draw with
            {
                Coarse = operation,
                CoarseRows = Math.Max((int)(m * Height), _minCells),
                CoarseColumns = Math.Max((int)(n * Width), _minCells),
                CoarseRandom = coarse,
            };
        }
        return draw;
    }

    private void Warp(Span<float> pixels, in AugmentationDraw draw)
    {
        var rented = ArrayPool<float>.Shared.Rent(Length);
        try
        {
            var result = rented.AsSpan(0, Length);
            if (draw.Rotate)
                WarpRotated(pixels, result, draw);
            else
                WarpShifted(pixels, result, draw);
            result.CopyTo(pixels);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>Flips and whole-pixel translation: a pure copy, no interpolation.</summary>
    private void WarpShifted(ReadOnlySpan<float> source, Span<float> result, in AugmentationDraw draw)
    {
        int plane = Height * Width, dx = draw.Translate ? draw.ShiftX : 0, dy = draw.Translate ? draw.ShiftY : 0;
        bool flipH = draw.FlipHorizontal, flipV = draw.FlipVertical;
        for (int c = 0; c < Channels; c++)
        {
            var from = source.Slice(c * plane, plane);
            var to = result.Slice(c * plane, plane);
            float fill = _fill[c];
            for (int y = 0; y < Height; y++)
            {
                int sy = y - dy;
                var row = to.Slice(y * Width, Width);
                if (sy < 0 || sy >= Height)
                {
                    row.Fill(fill);
                    continue;
                }
                var sourceRow = from.Slice((flipV ? Height - 1 - sy : sy) * Width, Width);
                for (int x = 0; x < Width; x++)
                {
                    int sx = x - dx;
                    row[x] = sx < 0 || sx >= Width ? fill : sourceRow[flipH ? Width - 1 - sx : sx];
                }
            }
        }
    }

    /// <summary>
    /// Rotation about the centre ((W - 1) / 2, (H - 1) / 2) of the flipped image with bilinear sampling, then the
    /// whole-pixel translation. Taps outside the image read the fill value, so edges blend into it as with imgaug's
    /// constant mode.
    /// </summary>
    private void WarpRotated(ReadOnlySpan<float> source, Span<float> result, in AugmentationDraw draw)
    {
        int plane = Height * Width, dx = draw.Translate ? draw.ShiftX : 0, dy = draw.Translate ? draw.ShiftY : 0;
        double radians = draw.RotationDegrees * Math.PI / 180;
        double cos = Math.Cos(radians), sin = Math.Sin(radians);
        double cx = (Width - 1) / 2.0, cy = (Height - 1) / 2.0;
        bool flipH = draw.FlipHorizontal, flipV = draw.FlipVertical;
        // The sampling geometry is the same for every channel: work it out once per output pixel.
        for (int y = 0; y < Height; y++)
        {
            int sy = y - dy;
            double oy = sy - cy;
            for (int x = 0; x < Width; x++)
            {
                int target = y * Width + x, sx = x - dx;
                double u = 0, v = 0;
                bool inside = sy >= 0 && sy < Height && sx >= 0 && sx < Width;
                if (inside)
                {
                    // Backward mapping: the inverse rotation of the output position gives the source position.
                    double ox = sx - cx;
                    u = Snap(cos * ox + sin * oy + cx);
                    v = Snap(-sin * ox + cos * oy + cy);
                    inside = u > -1 && u < Width && v > -1 && v < Height;
                }
                if (!inside)
                {
                    for (int c = 0; c < Channels; c++)
                        result[c * plane + target] = _fill[c];
                    continue;
                }
                double fx = Math.Floor(u), fy = Math.Floor(v);
                int x0 = (int)fx, y0 = (int)fy;
                float ax = (float)(u - fx), ay = (float)(v - fy);
                int i00 = Index(x0, y0, flipH, flipV), i10 = Index(x0 + 1, y0, flipH, flipV);
                int i01 = Index(x0, y0 + 1, flipH, flipV), i11 = Index(x0 + 1, y0 + 1, flipH, flipV);
                for (int c = 0; c < Channels; c++)
                {
                    var channel = source.Slice(c * plane, plane);
                    float fill = _fill[c];
                    float p00 = i00 >= 0 ? channel[i00] : fill, p10 = i10 >= 0 ? channel[i10] : fill;
                    float p01 = i01 >= 0 ? channel[i01] : fill, p11 = i11 >= 0 ? channel[i11] : fill;
                    result[c * plane + target] = (1 - ay) * ((1 - ax) * p00 + ax * p10) + ay * ((1 - ax) * p01 + ax * p11);
                }
            }
        }
    }

    /// <summary>Index within a channel of tap (x, y) of the flipped image, or -1 outside the image.</summary>
    private int Index(int x, int y, bool flipH, bool flipV)
    {
        if (x < 0 || x >= Width || y < 0 || y >= Height)
            return -1;
        return (flipV ? Height - 1 - y : y) * Width + (flipH ? Width - 1 - x : x);
    }

    /// <summary>Removes rounding noise of the trigonometry, so quarter turns land exactly on pixels.</summary>
    private static double Snap(double t)
    {
        double r = Math.Round(t);
        return Math.Abs(t - r) < 1e-9 ? r : t;
    }

    private void ApplyCoarse(Span<float> pixels, in AugmentationDraw draw, CoarseOperation operation)
    {
        int rows = draw.CoarseRows, cols = draw.CoarseColumns, count = rows * cols;
        byte[]? rented = null;
        Span<byte> cells = count <= StackCells ? stackalloc byte[count] : (rented = ArrayPool<byte>.Shared.Rent(count)).AsSpan(0, count);
        try
        {
            var random = draw.CoarseRandom;
            if (!DrawCells(ref random, cells, operation))
                return;
            int plane = Height * Width;
            for (int y = 0; y < Height; y++)
            {
                var cellRow = cells.Slice(CellIndex(y, rows, Height) * cols, cols);
                for (int x = 0; x < Width; x++)
                {
                    byte mark = cellRow[CellIndex(x, cols, Width)];
                    if (mark == 0)
                        continue;
                    float value = Replacement(operation, mark, ref random);
                    for (int c = 0; c < Channels; c++)
                        pixels[c * plane + y * Width + x] = value;
                }
            }
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Marks each cell with the cell probability; returns whether any cell is marked.</summary>
    internal bool DrawCells(ref SplitMix64 random, Span<byte> cells, CoarseOperation operation)
    {
        bool any = false;
        bool perCellSide = _saturated && operation == CoarseOperation.SaltAndPepper;
        for (int i = 0; i < cells.Length; i++)
        {
            if (random.NextDouble() >= _cellProbability)
            {
                cells[i] = 0;
                continue;
            }
            cells[i] = perCellSide && random.NextDouble() < 0.5 ? (byte)2 : (byte)1;
            any = true;
        }
        return any;
    }

    /// <summary>
    /// Nearest-neighbour upscaling of the coarse grid as OpenCV's INTER_NEAREST (which imgaug uses):
    /// cell = floor(pixel * cells / size), here in exact integer arithmetic.
    /// </summary>
    private static int CellIndex(int pixel, int cells, int size) => Math.Min((int)((long)pixel * cells / size), cells - 1);

    private float Replacement(CoarseOperation operation, byte mark, ref SplitMix64 random)
    {
        if (operation == CoarseOperation.Dropout)
            return 0f;
        if (_saturated)
        {
            return operation switch
            {
                CoarseOperation.Salt => 255f,
                CoarseOperation.Pepper => 0f,
                _ => mark == 2 ? 0f : 255f,
            };
        }
        // imgaug: B ~ Beta(0.5, 0.5) (the arcsine law, B = sin^2(pi U / 2)); salt 0.5 + |B - 0.5|, pepper
        // 0.5 - |B - 0.5|, salt-and-pepper B; times 255 and rounded as for a uint8 image.
        double b = Math.Sin(Math.PI * random.NextDouble() / 2);
        b *= b;
        double unit = operation switch
        {
            CoarseOperation.Salt => 0.5 + Math.Abs(b - 0.5),
            CoarseOperation.Pepper => 0.5 - Math.Abs(b - 0.5),
            _ => b,
        };
        return (float)Math.Round(unit * 255, MidpointRounding.ToEven);
    }

    private ulong RowKey(long epoch, DataViewRowId rowId)
    {
        ulong h = SplitMix64.Finalize(_seed * 0x9E3779B97F4A7C15UL ^ 0x5A0C0A5EED5UL);
        h = SplitMix64.Finalize(h ^ unchecked((ulong)epoch));
        h = SplitMix64.Finalize(h ^ rowId.Low);
        return SplitMix64.Finalize(h ^ rowId.High);
    }

    private static SplitMix64 Stream(ulong key, ulong stream) => new(SplitMix64.Finalize(key ^ (stream * 0xD1B54A32D192ED03UL)));
}
