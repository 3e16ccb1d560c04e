using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace HideAndSeek.ModelFormat;

/// <summary>
/// The bytes one component stores in a model zip: a kind, a format version and named sections (options as JSON,
/// TorchSharp state, float tables), closed by a SHA-256 so a damaged zip entry is reported instead of misread.
/// </summary>
internal sealed class ModelPayload
{
    private static readonly byte[] Magic = "HaSNET\u0001\u0000"u8.ToArray();
    private readonly Dictionary<string, byte[]> _sections = new(StringComparer.Ordinal);

    public ModelPayload(string kind, int version)
    {
        Kind = kind;
        Version = version;
    }

    public string Kind { get; }

    public int Version { get; }

    public ModelPayload Set(string name, byte[] data)
    {
        _sections[name] = data;
        return this;
    }

    public ModelPayload SetText(string name, string text) => Set(name, Encoding.UTF8.GetBytes(text));

    public ModelPayload SetFloats(string name, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(bytes);
        return Set(name, bytes);
    }

    public bool Has(string name) => _sections.ContainsKey(name);

    public byte[] Get(string name) =>
        _sections.TryGetValue(name, out var data)
            ? data
            : throw new InvalidDataException($"The {Kind} model payload has no section '{name}'.");

    public string GetText(string name) => Encoding.UTF8.GetString(Get(name));

    /// <summary>
    /// Section <paramref name="name"/> read as JSON into <typeparamref name="T"/>. A key <typeparamref name="T"/> does
    /// not have fails (see <see cref="ModelJson.Payload"/>); a key the JSON lacks keeps <typeparamref name="T"/>'s
    /// default, which is how an option added later reads from zips saved before it existed.
    /// </summary>
    public T GetJson<T>(string name) where T : class
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<T>(Get(name), ModelJson.Payload)
                ?? throw new InvalidDataException($"Section '{name}' of the {Kind} model payload is empty.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException(
                $"Section '{name}' of the {Kind} model payload does not fit HideAndSeek.Estimators {PackageVersion}: {e.Message} " +
                "A key this version does not know comes from a model saved by a newer version (upgrade the HideAndSeek.Estimators " +
                "and HideAndSeek.MLNet packages) or from an option renamed without keeping its old name.", e);
        }
    }

    public float[] GetFloats(string name)
    {
        var bytes = Get(name);
        if (bytes.Length % sizeof(float) != 0)
            throw new InvalidDataException($"Section '{name}' of the {Kind} model payload is not a float array.");
        var values = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Kind);
            writer.Write(Version);
            writer.Write(_sections.Count);
            foreach (var (name, data) in _sections)
            {
                writer.Write(name);
                writer.Write(data.Length);
                writer.Write(data);
            }
        }
        var body = stream.ToArray();
        var hash = SHA256.HashData(body);
        var result = new byte[body.Length + hash.Length];
        body.CopyTo(result, 0);
        hash.CopyTo(result, body.Length);
        return result;
    }

    /// <summary>This library's package version (the informational version without its commit).</summary>
    internal static string PackageVersion =>
        typeof(ModelPayload).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";

    /// <summary>The kind written in the header, without checking anything else.</summary>
    public static string PeekKind(byte[] bytes)
    {
        if (bytes.Length < Magic.Length + 1 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException("The model payload is not a HideAndSeek.NET payload (bad header).");
        using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length, bytes.Length - Magic.Length, writable: false), Encoding.UTF8);
        return reader.ReadString();
    }

    /// <summary>Parses payload bytes, checking the magic, the expected kind, the version and the checksum.</summary>
    public static ModelPayload Parse(byte[] bytes, string expectedKind, int maxVersion)
    {
        const int hashLength = 32;
        if (bytes.Length < Magic.Length + hashLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"The {expectedKind} model payload is not a HideAndSeek.NET payload (bad header).");
        var body = bytes.AsSpan(0, bytes.Length - hashLength);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - hashLength)))
            throw new InvalidDataException($"The {expectedKind} model payload is damaged (checksum mismatch): the model zip was truncated or modified.");

        using var reader = new BinaryReader(new MemoryStream(bytes, 0, body.Length, writable: false), Encoding.UTF8);
        reader.ReadBytes(Magic.Length);
        var kind = reader.ReadString();
        var version = reader.ReadInt32();
        if (kind != expectedKind)
            throw new InvalidDataException($"Expected a {expectedKind} model payload but found a {kind} payload.");
        if (version > maxVersion)
        {
            throw new InvalidDataException(
                $"The {kind} model was saved by a newer HideAndSeek.NET (format {version}; HideAndSeek.Estimators {PackageVersion} " +
                $"reads up to format {maxVersion}). Upgrade the HideAndSeek.Estimators and HideAndSeek.MLNet packages.");
        }
        var payload = new ModelPayload(kind, version);
        int count = reader.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            int length = reader.ReadInt32();
            payload.Set(name, reader.ReadBytes(length));
        }
        return payload;
    }
}
