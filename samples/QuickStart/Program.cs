using HideAndSeek.Data.Synthetic;
using HideAndSeek.Samples;

// dotnet run --project samples/QuickStart -c Release [dataset-root [epochs]]
//   Without a dataset root a small synthetic dataset is generated first.
// dotnet run --project samples/QuickStart -c Release -- photos <annotations.csv> [epochs]
//   Photos at their own size from a manifest with a train/test split (e.g. ../shared/data/pets-3/annotations.csv).
string work = Path.Combine(Path.GetTempPath(), "hideandseek-quickstart");
int Epochs(int index, int fallback) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;
if (args.Length > 1 && args[0] == "photos")
{
    var (photoMetrics, first) = PhotoQuickStartExample.Run(args[1], work, epochs: Epochs(2, 6));
    Console.WriteLine(photoMetrics.ToMarkdown());
    Console.WriteLine($"first test photo: {first.Label}, box {string.Join(", ", first.Box)} in a {first.Width} x {first.Height} photo");
    return;
}
string root = args.Length > 0 ? args[0] : SyntheticWsolGenerator.Generate(Path.Combine(work, "data"), new SyntheticWsolOptions()).Root;
var metrics = QuickStartExample.Run(root, work, epochs: Epochs(1, 5));
Console.WriteLine(metrics.ToMarkdown());
