using HideAndSeek.GapClassifier;
using SixLabors.ImageSharp.PixelFormats;
using System.Globalization;

namespace HideAndSeek.Visualization;

/// <summary>
/// Training curves as a PNG: loss (left) and top-1 accuracy (right) per epoch, for the training images and, when the
/// run had one, the validation set. Drawn with the built-in pixel primitives and bitmap font, so it needs no fonts or
/// native graphics libraries.
/// </summary>
public static class TrainingCurvePlot
{
    /// <summary>Width of the PNG in pixels.</summary>
    internal const int ImageWidth = 1200;

    /// <summary>Height of the PNG in pixels.</summary>
    internal const int ImageHeight = 450;

    private static readonly Rgba32 TrainColor = new(31, 119, 180);
    private static readonly Rgba32 ValidationColor = new(255, 127, 14);

    /// <summary>Writes the two charts side by side to <paramref name="pngPath"/> (the folder is created when needed).</summary>
    /// <param name="history">The epochs' reports, as <c>GapClassifierOptions.EpochCompleted</c> delivers them; epochs are numbered from 1 on the x axis.</param>
    /// <param name="pngPath">Where to write the PNG.</param>
    /// <returns><paramref name="pngPath"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="history"/> is empty.</exception>
    public static string Write(IReadOnlyList<EpochReport> history, string pngPath)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentException.ThrowIfNullOrWhiteSpace(pngPath);
        if (history.Count == 0)
            throw new ArgumentException("There is no epoch to plot.", nameof(history));
        var epochs = history.OrderBy(r => r.Epoch).ToList();
        bool validation = epochs.Any(r => r.ValidationLoss is not null || r.ValidationAccuracy is not null);

        var canvas = new PixelCanvas(ImageWidth, ImageHeight, new Rgba32(255, 255, 255));
        var loss = new LineChart
        {
            Title = "loss (cross-entropy)",
            XLabel = "epoch",
            Series = Series(epochs, validation, r => r.TrainLoss, r => r.ValidationLoss),
        };
        var accuracy = new LineChart
        {
            Title = "accuracy (top-1)",
            XLabel = "epoch",
            YRange = (0, 1),
            FormatY = (value, _) => (100 * value).ToString("0", CultureInfo.InvariantCulture) + "%",
            Series = Series(epochs, validation, r => r.TrainAccuracy, r => r.ValidationAccuracy),
        };
        loss.Draw(canvas, 0, 0, ImageWidth / 2, ImageHeight);
        accuracy.Draw(canvas, ImageWidth / 2, 0, ImageWidth / 2, ImageHeight);
        canvas.SavePng(pngPath);
        return pngPath;
    }

    private static List<ChartSeries> Series(List<EpochReport> epochs, bool validation, Func<EpochReport, double> train, Func<EpochReport, double?> valid)
    {
        var series = new List<ChartSeries> { new("train", TrainColor, epochs.Select(r => (r.Epoch + 1.0, train(r))).ToList()) };
        if (validation)
            series.Add(new("validation", ValidationColor, epochs.Select(r => (r.Epoch + 1.0, valid(r) ?? double.NaN)).ToList()));
        return series;
    }
}
