namespace HideAndSeek.Boxes;

/// <summary>
/// The borders <see cref="ContourTracer"/> found, numbered as in Suzuki and Abe's paper (NBD: 1 is the frame, a hole
/// border; later borders 2, 3, ...), each with its type, parent and chain; and their output in OpenCV's RETR_TREE order.
/// </summary>
internal sealed class BorderTree
{
    private readonly List<bool> _isHole = new() { false, true };
    private readonly List<int> _parentOf = new() { 0, 0 };
    private readonly List<int[]> _chains = new() { Array.Empty<int>(), Array.Empty<int>() };

    /// <summary>The number the next border gets.</summary>
    public int Count => _isHole.Count;

    /// <summary>
    /// Adds border <see cref="Count"/>; its parent follows from Table 1 of the paper: the type of the last border met on
    /// this row, <paramref name="lastBorder"/> (LNBD).
    /// </summary>
    public void Add(bool hole, int lastBorder, int[] chain)
    {
        int parent = hole == _isHole[lastBorder] ? _parentOf[lastBorder] : lastBorder;
        _isHole.Add(hole);
        _parentOf.Add(parent);
        _chains.Add(chain);
    }

    /// <summary>Every border but the frame, as OpenCV reports them: a pre-order walk, newest children first.</summary>
    public List<TracedContour> InOpenCvOrder()
    {
        var order = PreOrder();
        var outputIndex = new int[Count];
        for (int i = 0; i < order.Count; i++)
        {
            outputIndex[order[i]] = i;
        }

        var result = new List<TracedContour>(order.Count);
        foreach (int b in order)
        {
            int parent = _parentOf[b] >= 2 ? outputIndex[_parentOf[b]] : -1;
            result.Add(Contour(_isHole[b], parent, _chains[b]));
        }

        return result;
    }

    private List<int> PreOrder()
    {
        // Children lists with the newest first, as OpenCV inserts each finished border at the head of its parent's list.
        var firstChild = new int[Count];
        var nextSibling = new int[Count];
        Array.Fill(firstChild, -1);
        Array.Fill(nextSibling, -1);
        for (int b = 2; b < Count; b++)
        {
            int parent = _parentOf[b];
            nextSibling[b] = firstChild[parent];
            firstChild[parent] = b;
        }

        var order = new List<int>(Count - 2);
        var stack = new Stack<int>();
        for (int c = firstChild[1]; c >= 0; c = nextSibling[c])
        {
            // Pre-order walk: push siblings in reverse so that the list order is kept.
            stack.Clear();
            stack.Push(c);
            while (stack.Count > 0)
            {
                int b = stack.Pop();
                order.Add(b);
                var children = new List<int>();
                for (int ch = firstChild[b]; ch >= 0; ch = nextSibling[ch])
                {
                    children.Add(ch);
                }

                for (int i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push(children[i]);
                }
            }
        }

        return order;
    }

    /// <summary>A chain's bounding box and polygon area (shoelace formula, doubled to stay integral).</summary>
    private static TracedContour Contour(bool hole, int parent, int[] chain)
    {
        int minX = int.MaxValue, minY = int.MaxValue, maxX = int.MinValue, maxY = int.MinValue;
        long twiceSignedArea = 0;
        int n = chain.Length / 2;
        for (int i = 0; i < n; i++)
        {
            int x = chain[2 * i], y = chain[2 * i + 1];
            int j = (i + 1) % n;
            twiceSignedArea += (long)x * chain[2 * j + 1] - (long)chain[2 * j] * y;
            minX = Math.Min(minX, x);
            minY = Math.Min(minY, y);
            maxX = Math.Max(maxX, x);
            maxY = Math.Max(maxY, y);
        }

        return new TracedContour(hole, parent, minX, minY, maxX, maxY, Math.Abs(twiceSignedArea), chain);
    }
}
