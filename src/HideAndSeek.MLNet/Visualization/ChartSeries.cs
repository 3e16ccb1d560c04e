using SixLabors.ImageSharp.PixelFormats;

namespace HideAndSeek.Visualization;

/// <summary>One line of a <see cref="LineChart"/>: (x, y) points in data units; non-finite y values break the line.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="Color">Line colour.</param>
/// <param name="Points">The points in drawing order.</param>
internal sealed record ChartSeries(string Name, Rgba32 Color, IReadOnlyList<(double X, double Y)> Points);
