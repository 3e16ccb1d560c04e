using HideAndSeek.Augmentation;
using HideAndSeek.CamLocalization;
using HideAndSeek.GapClassifier;
using HideAndSeek.Hiding;
using Microsoft.ML;
using Microsoft.ML.Data;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace HideAndSeek.Tests.ModelFormat;

/// <summary>
/// The zips users already have keep loading. A zip is the on-disk format: which entries it holds, and for each
/// ML.NET Model.key the model signature, version words, loader signature, string table and payload; for each .idv the
/// schema. Fixtures/v1-manifest.txt is that description of a zip written by the first format (commit 6d971ff, see
/// Fixtures/README.md); a model built and saved today must be described identically. The .idv rows hold our payloads
/// (kind, version, options as JSON, weights): Fixtures/payloads.txt records their kinds, versions, sections and every
/// JSON key with its value, trained weights aside (they differ between CPUs). No model zip is committed: the
/// manifests are the fixture.
/// </summary>
public class SavedModelCompatibilityTests
{
    private const int Side = 64;
    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "ModelFormat", "Fixtures");

    [Fact]
    public void A_zip_saved_today_has_the_first_formats_entries_signatures_versions_and_payloads()
    {
        string zip = SaveFixtureModel(out _, out _);
        try
        {
            var expected = File.ReadAllLines(Path.Combine(FixtureFolder, "v1-manifest.txt"));
            var actual = ModelZipManifest.Describe(zip);
            if (Environment.GetEnvironmentVariable("HAS_WRITE_MANIFEST") is { Length: > 0 } output)
                File.WriteAllLines(output, actual);
            for (int i = 0; i < Math.Min(expected.Length, actual.Count); i++)
            {
                Assert.True(expected[i] == actual[i],
                    $"the saved format changed at line {i + 1}: zips written by earlier versions would no longer load " +
                    $"unless their loader is kept.\nexpected: {expected[i]}\nactual:   {actual[i]}");
            }
            Assert.Equal(expected.Length, actual.Count);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    /// <summary>
    /// The manifest above sees the payload tables' schemas only; this reads their rows. Renaming or removing an option
    /// would otherwise pass every test while zips saved before load that option at its default.
    /// </summary>
    [Fact]
    public void The_payloads_of_a_zip_saved_today_have_the_recorded_kinds_versions_sections_and_keys()
    {
        string zip = SaveFixtureModel(out _, out _);
        try
        {
            var expected = File.ReadAllLines(Path.Combine(FixtureFolder, "payloads.txt"));
            var actual = ModelPayloadManifest.Describe(zip);
            if (Environment.GetEnvironmentVariable("HAS_WRITE_PAYLOADS") is { Length: > 0 } output)
                File.WriteAllLines(output, actual);
            var missing = expected.Except(actual).ToList();
            var added = actual.Except(expected).ToList();
            Assert.True(missing.Count == 0 && added.Count == 0,
                "the payload a saved model carries changed (Fixtures/payloads.txt). A renamed or removed key is a format " +
                "change: zips saved before hold the old key, which loading refuses as unknown; keep the old name (or a " +
                "reader for it) and bump the payload version. A new key needs a default that reproduces the old " +
                "behaviour, since older zips lack it. Then record the new payloads with HAS_WRITE_PAYLOADS=<path>." +
                "\nrecorded, not written today:\n  " + string.Join("\n  ", missing) +
                "\nwritten today, not recorded:\n  " + string.Join("\n  ", added));
        }
        finally
        {
            File.Delete(zip);
        }
    }

    /// <summary>
    /// Fixtures/v1-payloads.txt was read from the first format's zip itself (in the history at b049e03): every payload
    /// kind and key it holds must still be written today, so today's readers know them all.
    /// </summary>
    [Fact]
    public void Every_payload_key_of_the_first_format_is_still_written_today()
    {
        static IEnumerable<string> Keys(IEnumerable<string> lines) => lines.Select(l => l.Split(" = ")[0].Split(" sections:")[0]);
        var recorded = Keys(File.ReadAllLines(Path.Combine(FixtureFolder, "payloads.txt"))).ToHashSet();
        var lost = Keys(File.ReadAllLines(Path.Combine(FixtureFolder, "v1-payloads.txt"))).Where(k => !recorded.Contains(k)).ToList();
        Assert.True(lost.Count == 0,
            "keys of the first format's payloads are no longer written (Fixtures/payloads.txt): zips saved by v1 hold them " +
            "and loading refuses keys it does not know. Keep reading them:\n  " + string.Join("\n  ", lost));
    }

    [Fact]
    public void A_saved_fixture_model_restores_to_the_library_types_with_equal_outputs()
    {
        string zip = SaveFixtureModel(out var ml, out var data);
        try
        {
            var loaded = ml.Model.Load(zip, out _);
            Assert.Collection(HideAndSeekModel.FindComponents(loaded),
                c => Assert.IsType<ImageHidingTransformer>(c),
                c => Assert.IsType<ImageAugmentationTransformer>(c),
                c => Assert.IsType<GapClassifierTransformer>(c),
                c => Assert.IsType<CamLocalizer>(c));
            var restored = HideAndSeekModel.Restore(loaded);
            Assert.Equal(Describe(loaded.Transform(data)), Describe(restored.Transform(data)));
        }
        finally
        {
            File.Delete(zip);
        }
    }

    /// <summary>
    /// The pipeline of the first fixture: MapValueToKey, hiding, augmentation, a SmallAlexNetGap of width 0.05 trained
    /// for two epochs on eight in-memory images, and the CAM localiser with the ground-truth and top-2 heatmaps.
    /// </summary>
    private static string SaveFixtureModel(out MLContext ml, out IDataView data)
    {
        ml = new MLContext(seed: 1);
        data = Rows(ml);
        var model = ml.Transforms.Conversion.MapValueToKey("Label", "LabelName")
            .Append(ml.Transforms.HidePatches(16, seed: 3))
            .Append(ml.Transforms.AugmentImages(AugmentationPreset.Seed2, seed: 4))
            .Append(ml.MulticlassClassification.Trainers.GapClassifier(new GapClassifierOptions
            {
                WidthMultiplier = 0.05,
                MaxEpochs = 2,
                BatchSize = 4,
                Seed = 5,
            }))
            .Append(ml.Transforms.LocalizeWithCam(new CamLocalizerOptions { TopK = 2, Threshold = 0.6f }))
            .Fit(data);
        string path = Path.Combine(Path.GetTempPath(), $"has-format-{Guid.NewGuid():N}.zip");
        ml.Model.Save(model, data.Schema, path);
        return path;
    }

    /// <summary>Eight 64 x 64 images of two classes: a bright square on noise, left or right.</summary>
    private static IDataView Rows(MLContext ml)
    {
        var random = new Random(17);
        var rows = new List<FixtureRow>();
        for (int i = 0; i < 8; i++)
        {
            var pixels = new float[3 * Side * Side];
            for (int p = 0; p < pixels.Length; p++)
                pixels[p] = random.Next(0, 120);
            int left = i % 2 == 0 ? 6 : 34;
            for (int c = 0; c < 3; c++)
            {
                for (int y = 20; y < 44; y++)
                {
                    for (int x = left; x < left + 24; x++)
                        pixels[c * Side * Side + y * Side + x] = 200 + c * 20;
                }
            }

            rows.Add(new FixtureRow { Pixels = pixels, LabelName = i % 2 == 0 ? "left" : "right" });
        }
        var definition = SchemaDefinition.Create(typeof(FixtureRow));
        definition[nameof(FixtureRow.Pixels)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 3, Side, Side);
        return ml.Data.LoadFromEnumerable(rows, definition);
    }

    /// <summary>Every output column of every row, bit for bit.</summary>
    private static List<string> Describe(IDataView scored)
    {
        var lines = new List<string>();
        foreach (var name in new[] { "Score", "PredictedBox", "Heatmap", "GroundTruthHeatmap", "TopKHeatmaps", "CamFeatures" })
            lines.AddRange(scored.GetColumn<float[]>(name).Select(v => name + " " + string.Join(',', v.Select(BitConverter.SingleToInt32Bits))));
        lines.AddRange(scored.GetColumn<uint>("PredictedLabel").Select(k => "PredictedLabel " + k));
        lines.AddRange(scored.GetColumn<uint>("CamClass").Select(k => "CamClass " + k));
        return lines;
    }

    private sealed class FixtureRow
    {
        public float[] Pixels { get; set; } = Array.Empty<float>();

        public string LabelName { get; set; } = "";
    }
}

/// <summary>
/// A text description of an ML.NET model zip's format. For Model.key entries: ML.NET's model header (model signature
/// at 0x40, the four version words at 0x48, loader signature at 0x50), the string table (column names) and a hash of
/// the payload; for .idv entries: the schema; for text entries: their lines (the ML.NET version line excepted).
/// </summary>
internal static class ModelZipManifest
{
    public static List<string> Describe(string zipPath)
    {
        var lines = new List<string>();
        using var archive = ZipFile.OpenRead(zipPath);
        foreach (var entry in archive.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            byte[] bytes = buffer.ToArray();
            if (entry.FullName.EndsWith(".key", StringComparison.Ordinal))
                lines.Add(entry.FullName + " " + DescribeModelKey(bytes));
            else if (entry.FullName.EndsWith(".idv", StringComparison.Ordinal) || entry.FullName == "Schema")
                lines.Add(entry.FullName + " schema " + DescribeSchema(bytes));
            else if (entry.FullName == "TrainingInfo/Version.txt")
                lines.Add(entry.FullName + " (ML.NET version, not compared)");
            else
                lines.Add(entry.FullName + " text " + string.Join(" | ", Encoding.UTF8.GetString(bytes).Split('\n').Select(l => l.TrimEnd('\r'))));
        }
        return lines;
    }

    private static string DescribeModelKey(byte[] bytes)
    {
        long fpModel = BitConverter.ToInt64(bytes, 0x10), cbModel = BitConverter.ToInt64(bytes, 0x18);
        long fpTable = BitConverter.ToInt64(bytes, 0x20), cbTable = BitConverter.ToInt64(bytes, 0x28);
        long fpChars = BitConverter.ToInt64(bytes, 0x30);
        string modelSignature = Encoding.ASCII.GetString(bytes, 0x40, 8).TrimEnd('\0');
        string versions = Convert.ToHexString(bytes, 0x48, 8);
        string loader = Encoding.ASCII.GetString(bytes, 0x50, 24).TrimEnd('\0');
        var strings = new List<string>();
        long start = 0;
        for (long p = fpTable; p < fpTable + cbTable; p += 8)
        {
            long end = BitConverter.ToInt64(bytes, (int)p);
            strings.Add(Encoding.Unicode.GetString(bytes, (int)(fpChars + start), (int)(end - start)));
            start = end;
        }
        string payload = Convert.ToHexString(SHA256.HashData(bytes.AsSpan((int)fpModel, (int)cbModel)))[..16];
        return $"{modelSignature} {versions} {loader} payload:{cbModel}:{payload} strings:[{string.Join(",", strings)}]";
    }

    private static string DescribeSchema(byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"has-schema-{Guid.NewGuid():N}.idv");
        File.WriteAllBytes(path, bytes);
        try
        {
            var view = new MLContext().Data.LoadFromBinary(path);
            return string.Join(", ", view.Schema.Select(c => $"{c.Name}:{c.Type}"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
