namespace HideAndSeek.Boxes;

/// <summary>8-connected component labelling of a binary mask, for the tight convention.</summary>
internal static class ConnectedComponents
{
    /// <summary>Every 8-connected component of the mask (non-zero = foreground), in raster order of their first pixels.</summary>
    public static List<ComponentInfo> Find(ReadOnlySpan<byte> mask, int height, int width)
    {
        var result = new List<ComponentInfo>();
        var seen = new bool[mask.Length];
        var stack = new Stack<int>();
        for (int start = 0; start < mask.Length; start++)
        {
            if (mask[start] == 0 || seen[start])
            {
                continue;
            }

            int minX = int.MaxValue, minY = int.MaxValue, maxX = int.MinValue, maxY = int.MinValue, count = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                int x = p % width, y = p / width;
                count++;
                minX = Math.Min(minX, x);
                maxX = Math.Max(maxX, x);
                minY = Math.Min(minY, y);
                maxY = Math.Max(maxY, y);
                for (int dy = -1; dy <= 1; dy++)
                {
                    int ny = y + dy;
                    if ((uint)ny >= (uint)height)
                    {
                        continue;
                    }

                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx;
                        if ((uint)nx >= (uint)width)
                        {
                            continue;
                        }

                        int q = ny * width + nx;
                        if (mask[q] != 0 && !seen[q])
                        {
                            seen[q] = true;
                            stack.Push(q);
                        }
                    }
                }
            }

            result.Add(new ComponentInfo(new BoundingBox(minX, minY, maxX, maxY), count, start));
        }

        return result;
    }
}
