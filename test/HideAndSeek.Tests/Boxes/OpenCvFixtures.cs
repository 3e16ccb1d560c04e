using HideAndSeek.Boxes;
using System.Globalization;

namespace HideAndSeek.Tests.Boxes;

/// <summary>Readers for the OpenCV reference outputs in Fixtures/ (see make_opencv_fixtures.py there).</summary>
internal static class OpenCvFixtures
{
    public sealed record MaskCase(int Height, int Width, byte[] Mask, List<int[]> Contours);

    public sealed record ThresholdCase(int Index, BoundingBox Largest, BoundingBox[] All);

    public sealed record MapCase(int Height, int Width, float[] Values, List<ThresholdCase> Thresholds);

    public static List<MaskCase> Masks()
    {
        var result = new List<MaskCase>();
        foreach (var line in Lines("opencv_contours.txt"))
        {
            var parts = line.Split(' ');
            if (parts[0] == "mask")
            {
                int h = int.Parse(parts[1], CultureInfo.InvariantCulture), w = int.Parse(parts[2], CultureInfo.InvariantCulture);
                var mask = parts[3].Replace("/", string.Empty).Select(c => (byte)(c - '0')).ToArray();
                Assert.Equal(h * w, mask.Length);
                result.Add(new MaskCase(h, w, mask, []));
            }
            else if (parts[0] == "c")
            {
                result[^1].Contours.Add(parts.Skip(1).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray());
            }
        }

        return result;
    }

    public static List<MapCase> Maps()
    {
        var result = new List<MapCase>();
        foreach (var line in Lines("wsol_boxes.txt"))
        {
            if (line.StartsWith("map ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                int h = int.Parse(parts[1], CultureInfo.InvariantCulture), w = int.Parse(parts[2], CultureInfo.InvariantCulture);
                var values = parts.Skip(3).Select(p => (float)double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
                Assert.Equal(h * w, values.Length);
                result.Add(new MapCase(h, w, values, []));
            }
            else if (line.StartsWith("t ", StringComparison.Ordinal))
            {
                var halves = line.Split('|');
                var head = Ints(halves[0]);
                var all = Ints(halves[1]);
                var boxes = Enumerable.Range(0, all.Length / 4)
                    .Select(i => new BoundingBox(all[4 * i], all[4 * i + 1], all[4 * i + 2], all[4 * i + 3]))
                    .ToArray();
                result[^1].Thresholds.Add(new ThresholdCase(head[0], new BoundingBox(head[1], head[2], head[3], head[4]), boxes));
            }
        }

        return result;
    }

    private static int[] Ints(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p != "t")
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture))
            .ToArray();

    private static IEnumerable<string> Lines(string name) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Boxes", "Fixtures", name))
            .Where(l => l.Length > 0 && l[0] != '#');
}
