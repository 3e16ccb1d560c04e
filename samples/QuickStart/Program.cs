using HideAndSeek.Data.Synthetic;
using HideAndSeek.Samples;

// dotnet run --project samples/QuickStart -c Release [dataset-root]
// Without a dataset root a small synthetic dataset is generated first.
string work = Path.Combine(Path.GetTempPath(), "hideandseek-quickstart");
string root = args.Length > 0 ? args[0] : SyntheticWsolGenerator.Generate(Path.Combine(work, "data"), new SyntheticWsolOptions()).Root;
var metrics = QuickStartExample.Run(root, work, epochs: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
Console.WriteLine(metrics.ToMarkdown());
