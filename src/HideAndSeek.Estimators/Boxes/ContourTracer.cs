namespace HideAndSeek.Boxes;

/// <summary>
/// Border following of Suzuki and Abe (1985), "Topological structural analysis of digitized binary images by border
/// following", written from the paper: 8-connected foreground, 4-connected background, every outer border and every hole
/// border, with the parent of each border. It reproduces what <c>cv2.findContours(mode=RETR_TREE)</c> reports for a
/// binary image whose outside is background (OpenCV pads the image with a zero frame since 3.2): the same closed chains
/// (so the same bounding rectangles and polygon areas; <c>CHAIN_APPROX_SIMPLE</c> only drops collinear chain points, which
/// changes neither) and the same output order, a pre-order walk of the border tree in which each node's children, and the
/// top-level borders, come newest first.
/// </summary>
/// <remarks>Not thread-safe: one instance per thread; it keeps its label buffer between calls.</remarks>
internal sealed class ContourTracer
{
    private readonly int _width;
    private readonly int _height;
    private readonly int _stride;
    private readonly int[] _labels;
    private readonly int[] _offsets;

    /// <summary>Creates a tracer for masks of the given size.</summary>
    public ContourTracer(int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        _height = height;
        _width = width;
        _stride = width + 2;
        _labels = new int[(height + 2) * _stride];

        // Directions 0..7 clockwise on screen (y down): E, SE, S, SW, W, NW, N, NE.
        int s = _stride;
        _offsets = [1, s + 1, s, s - 1, -1, -s - 1, -s, -s + 1];
    }

    /// <summary>Traces every border of the mask (non-zero = foreground) and returns them in OpenCV's RETR_TREE order.</summary>
    public List<TracedContour> Trace(ReadOnlySpan<byte> mask)
    {
        if (mask.Length != _width * _height)
        {
            throw new ArgumentException($"The mask holds {mask.Length} values, expected {_width * _height}.", nameof(mask));
        }

        int[] f = _labels;
        Fill(mask);
        var tree = new BorderTree();
        var points = new List<int>();
        for (int y = 1; y <= _height; y++)
        {
            int lnbd = 1;
            for (int x = 1; x <= _width; x++)
            {
                int idx = y * _stride + x;
                int v = f[idx];
                if (v == 0)
                {
                    continue;
                }

                int startDirection = -1;
                bool hole = false;
                if (v == 1 && f[idx - 1] == 0)
                {
                    startDirection = 4; // outer border: the background pixel on the left
                }
                else if (v >= 1 && f[idx + 1] == 0)
                {
                    startDirection = 0; // hole border: the background pixel on the right
                    hole = true;
                    if (v > 1)
                    {
                        lnbd = v;
                    }
                }

                if (startDirection >= 0)
                {
                    points.Clear();
                    Follow(idx, startDirection, tree.Count, points);
                    tree.Add(hole, lnbd, points.ToArray());
                }

                int after = f[idx];
                if (after != 1)
                {
                    lnbd = Math.Abs(after);
                }
            }
        }

        return tree.InOpenCvOrder();
    }

    /// <summary>The mask as 0/1 labels inside a one-pixel background frame.</summary>
    private void Fill(ReadOnlySpan<byte> mask)
    {
        int[] f = _labels;
        Array.Clear(f);
        for (int y = 0; y < _height; y++)
        {
            int row = (y + 1) * _stride + 1;
            for (int x = 0; x < _width; x++)
            {
                f[row + x] = mask[y * _width + x] != 0 ? 1 : 0;
            }
        }
    }

    /// <summary>Follows the border through <paramref name="start"/> (steps 3.1 to 3.5), labelling it <paramref name="nbd"/>.</summary>
    private void Follow(int start, int startDirection, int nbd, List<int> points)
    {
        int[] f = _labels;

        // (3.1) Clockwise from the starting background pixel, the first foreground neighbour.
        int firstDirection = -1;
        for (int k = 0; k < 8; k++)
        {
            int d = (startDirection + k) & 7;
            if (f[start + _offsets[d]] != 0)
            {
                firstDirection = d;
                break;
            }
        }

        AddPoint(points, start);
        if (firstDirection < 0)
        {
            f[start] = -nbd; // an isolated pixel: a one-point border
            return;
        }

        int p1 = start + _offsets[firstDirection];
        int p3 = start;
        int towardsP2 = firstDirection; // direction from p3 to p2
        while (true)
        {
            var (p4, d4) = NextForeground(p3, towardsP2, nbd);

            // (3.5) Back at the start, arriving the way the chain began: done.
            if (p4 == start && p3 == p1)
            {
                return;
            }

            AddPoint(points, p4);
            towardsP2 = (d4 + 4) & 7;
            p3 = p4;
        }
    }

    /// <summary>
    /// Steps 3.3 and 3.4: counter-clockwise around <paramref name="p3"/>, starting just after p2, the next foreground
    /// pixel p4 and its direction; then <paramref name="p3"/> is marked.
    /// </summary>
    private (int P4, int Direction) NextForeground(int p3, int towardsP2, int nbd)
    {
        int[] f = _labels;
        bool eastWasBackground = false;
        int p4 = -1;
        int d4 = -1;
        for (int k = 1; k <= 8; k++)
        {
            int d = (towardsP2 - k) & 7;
            int q = p3 + _offsets[d];
            if (f[q] != 0)
            {
                p4 = q;
                d4 = d;
                break;
            }

            if (d == 0)
            {
                eastWasBackground = true;
            }
        }

        // (3.4) Mark p3: negative when its right neighbour is background examined here (a right-hand border pixel).
        if (eastWasBackground)
        {
            f[p3] = -nbd;
        }
        else if (f[p3] == 1)
        {
            f[p3] = nbd;
        }

        return (p4, d4);
    }

    private void AddPoint(List<int> points, int paddedIndex)
    {
        points.Add(paddedIndex % _stride - 1);
        points.Add(paddedIndex / _stride - 1);
    }
}
