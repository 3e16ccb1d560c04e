using Microsoft.ML;
using Microsoft.ML.Data;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HideAndSeek.Tests.ModelFormat;

/// <summary>
/// A text description of the payloads inside an ML.NET model zip: the rows of each surrogate chain's id-to-payload
/// value-mapping table (a <c>DefaultMap.idv</c> whose Value column holds bytes), read with ML.NET and parsed here
/// byte by byte, independently of <c>ModelPayload</c>. Per payload: its kind, version and section names; per JSON
/// section every key with its value (objects flattened to dotted paths), and short text sections' values. Binary
/// sections (trained weights, which differ between CPUs) are named only; the fitted mean pixels in the JSON are summed
/// in doubles by C# code and are the same everywhere.
/// </summary>
internal static class ModelPayloadManifest
{
    private static readonly byte[] Magic = "HaSNET\u0001\u0000"u8.ToArray();

    public static List<string> Describe(string zipPath)
    {
        var lines = new List<string>();
        using var archive = System.IO.Compression.ZipFile.OpenRead(zipPath);
        foreach (var entry in archive.Entries.Where(e => e.FullName.EndsWith(".idv", StringComparison.Ordinal)).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            foreach (var payload in PayloadRows(entry))
                lines.AddRange(DescribePayload(entry.FullName, payload));
        }
        return lines;
    }

    private static IEnumerable<byte[]> PayloadRows(System.IO.Compression.ZipArchiveEntry entry)
    {
        string path = Path.Combine(Path.GetTempPath(), $"has-payload-{Guid.NewGuid():N}.idv");
        using (var stream = entry.Open())
        using (var file = File.Create(path))
            stream.CopyTo(file);
        try
        {
            var view = new MLContext().Data.LoadFromBinary(path);
            if (view.Schema.GetColumnOrNull("Value") is not { Type: VectorDataViewType { ItemType: NumberDataViewType } type } || type.ItemType.RawType != typeof(byte))
                return Array.Empty<byte[]>();
            return view.GetColumn<byte[]>("Value").ToList();
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IEnumerable<string> DescribePayload(string entry, byte[] bytes)
    {
        const int hashLength = 32;
        if (bytes.Length < Magic.Length + hashLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"{entry}: not a HideAndSeek.NET payload (bad header)");
        int body = bytes.Length - hashLength;
        if (!SHA256.HashData(bytes.AsSpan(0, body)).AsSpan().SequenceEqual(bytes.AsSpan(body)))
            throw new InvalidDataException($"{entry}: the payload's SHA-256 does not match");
        using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length, body - Magic.Length, writable: false), Encoding.UTF8);
        string kind = reader.ReadString();
        int version = reader.ReadInt32();
        var sections = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        int count = reader.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            sections[name] = reader.ReadBytes(reader.ReadInt32());
        }
        var kinds = sections.ToDictionary(s => s.Key, s => SectionKind(s.Value));
        yield return $"{entry} payload {kind} v{version} sections: {string.Join(" ", sections.Keys.Select(n => $"{n}({kinds[n]})"))}";
        foreach (var (name, data) in sections)
        {
            if (kinds[name] == "text")
            {
                yield return $"  {kind} {name} = {Encoding.UTF8.GetString(data)}";
            }
            else if (kinds[name] == "json")
            {
                using var json = JsonDocument.Parse(data);
                foreach (var line in Flatten(kind, name, json.RootElement))
                    yield return line;
            }
        }
    }

    /// <summary>json: a JSON object; text: short printable UTF-8 (numbers written with invariant culture); binary otherwise.</summary>
    private static string SectionKind(byte[] data)
    {
        if (data.Length > 0 && data[0] == (byte)'{')
        {
            try
            {
                using var _ = JsonDocument.Parse(data);
                return "json";
            }
            catch (JsonException)
            {
            }
        }
        return data.Length <= 64 && data.All(b => b >= 0x20 && b < 0x7f) ? "text" : "binary";
    }

    private static IEnumerable<string> Flatten(string kind, string path, JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
            return element.EnumerateObject().SelectMany(p => Flatten(kind, path + "." + p.Name, p.Value));
        return new[] { $"  {kind} {path} = {element.GetRawText()}" };
    }
}
