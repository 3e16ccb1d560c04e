using System.Text.Json;
using System.Text.Json.Serialization;

namespace HideAndSeek.ModelFormat;

/// <summary>
/// The JSON settings of everything this library writes (model zips, checkpoints, the CLI's settings): NaN and
/// infinities are written as "NaN"/"Infinity" strings instead of failing, since a diverged epoch's loss or an empty
/// validation set's accuracy must not make saving crash.
/// </summary>
internal static class ModelJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// As <see cref="Options"/>, refusing keys the target type lacks: for payloads read from a model zip, where an
    /// unknown key is an option renamed without keeping its old name or a model saved by a newer version, and
    /// ignoring it would load that option silently at its default.
    /// </summary>
    public static JsonSerializerOptions Payload { get; } = new(Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
}
