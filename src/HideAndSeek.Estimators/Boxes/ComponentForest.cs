using System.Runtime.CompilerServices;

namespace HideAndSeek.Boxes;

/// <summary>
/// Union-find over the pixels of a padded grid (one inactive pixel all around, so neighbour offsets need no bounds
/// checks), plus an optional "outside" node, keeping per root a <see cref="ComponentStats"/> and the list of live roots.
/// </summary>
internal sealed class ComponentForest
{
    /// <summary>Parent value of a pixel that has not been added.</summary>
    public const int Inactive = -1;

    private readonly int[] _parent;
    private readonly ComponentStats[] _stats;
    private readonly int[] _live;
    private readonly int[] _livePosition;

    /// <summary>Creates a forest over <paramref name="paddedPixels"/> grid nodes plus the outside node.</summary>
    public ComponentForest(int paddedPixels)
    {
        Outside = paddedPixels;
        _parent = new int[paddedPixels + 1];
        _stats = new ComponentStats[paddedPixels + 1];
        _live = new int[paddedPixels + 1];
        _livePosition = new int[paddedPixels + 1];
    }

    /// <summary>The node that stands for everything beyond the image border; never a live root.</summary>
    public int Outside { get; }

    /// <summary>Number of live roots (components not joined to the outside).</summary>
    public int LiveCount { get; private set; }

    /// <summary>The i-th live root, in no particular order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LiveRoot(int i) => _live[i];

    /// <summary>The statistics of a root.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref ComponentStats Stats(int root) => ref _stats[root];

    /// <summary>Removes every pixel; with <paramref name="withOutside"/> the outside node is present (as a root).</summary>
    public void Reset(bool withOutside)
    {
        Array.Fill(_parent, Inactive);
        if (withOutside)
        {
            _parent[Outside] = Outside;
        }

        LiveCount = 0;
    }

    /// <summary>The root of a node, halving the path on the way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(int node)
    {
        int[] parent = _parent;
        while (parent[node] != node)
        {
            int grand = parent[parent[node]];
            parent[node] = grand;
            node = grand;
        }

        return node;
    }

    /// <summary>
    /// Adds a pixel and joins it with its active neighbours at <paramref name="offsets"/>; returns the root of its
    /// component. A pixel with an active neighbour joins that component directly instead of becoming a root first.
    /// </summary>
    public int Add(int node, int x, int y, int pixel, int[] offsets)
    {
        int[] parent = _parent;
        int root = Inactive;
        foreach (int offset in offsets)
        {
            int neighbourParent = parent[node + offset];
            if (neighbourParent == Inactive || neighbourParent == root)
            {
                continue;
            }

            int other = Find(neighbourParent);
            if (other == root)
            {
                continue;
            }

            if (root == Inactive)
            {
                Attach(node, other, x, y, pixel);
                root = other;
            }
            else
            {
                root = Link(root, other);
            }
        }

        if (root == Inactive)
        {
            parent[node] = node;
            _stats[node] = new ComponentStats
            {
                MinX = x,
                MinY = y,
                MaxX = x,
                MaxY = y,
                Count = 1,
                TwiceArea = 0,
                First = pixel,
                IoU = double.NaN,
            };
            _livePosition[node] = LiveCount;
            _live[LiveCount++] = node;
            root = node;
        }

        return root;
    }

    /// <summary>Joins two roots and returns the surviving one: the outside if either is, else the one with more pixels.</summary>
    public int Link(int a, int b)
    {
        if (a == b)
        {
            return a;
        }

        if (b == Outside || (a != Outside && _stats[a].Count < _stats[b].Count))
        {
            (a, b) = (b, a);
        }

        _parent[b] = a;
        RemoveLive(b);
        if (a == Outside)
        {
            return a;
        }

        ref var keep = ref _stats[a];
        ref readonly var gone = ref _stats[b];
        if (gone.MinX < keep.MinX || gone.MinY < keep.MinY || gone.MaxX > keep.MaxX || gone.MaxY > keep.MaxY)
        {
            keep.MinX = Math.Min(keep.MinX, gone.MinX);
            keep.MinY = Math.Min(keep.MinY, gone.MinY);
            keep.MaxX = Math.Max(keep.MaxX, gone.MaxX);
            keep.MaxY = Math.Max(keep.MaxY, gone.MaxY);
            keep.IoU = double.NaN; // only a changed box changes the IoU
        }

        keep.Count += gone.Count;
        keep.TwiceArea += gone.TwiceArea;
        keep.First = Math.Min(keep.First, gone.First);
        return a;
    }

    private void Attach(int node, int root, int x, int y, int pixel)
    {
        _parent[node] = root;
        if (root == Outside)
        {
            return;
        }

        ref var s = ref _stats[root];
        if (x < s.MinX || y < s.MinY || x > s.MaxX || y > s.MaxY)
        {
            s.MinX = Math.Min(s.MinX, x);
            s.MinY = Math.Min(s.MinY, y);
            s.MaxX = Math.Max(s.MaxX, x);
            s.MaxY = Math.Max(s.MaxY, y);
            s.IoU = double.NaN;
        }

        s.Count++;
        s.First = Math.Min(s.First, pixel);
    }

    private void RemoveLive(int node)
    {
        int position = _livePosition[node];
        int last = _live[--LiveCount];
        _live[position] = last;
        _livePosition[last] = position;
    }
}
