using HideAndSeek.Boxes;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HideAndSeek.WebApp;

/// <summary>A box in JSON as <c>{"xmin", "ymin", "xmax", "ymax"}</c>, inclusive pixels, without its derived properties.</summary>
internal sealed class BoundingBoxJsonConverter : JsonConverter<BoundingBox>
{
    public override BoundingBox Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("a box is an object with xmin, ymin, xmax and ymax");
        int xmin = 0, ymin = 0, xmax = -1, ymax = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            int value = reader.GetInt32();
            switch (name.ToLowerInvariant())
            {
                case "xmin":
                    xmin = value;
                    break;
                case "ymin":
                    ymin = value;
                    break;
                case "xmax":
                    xmax = value;
                    break;
                case "ymax":
                    ymax = value;
                    break;
            }
        }
        return new BoundingBox(xmin, ymin, xmax, ymax);
    }

    public override void Write(Utf8JsonWriter writer, BoundingBox value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("xmin", value.XMin);
        writer.WriteNumber("ymin", value.YMin);
        writer.WriteNumber("xmax", value.XMax);
        writer.WriteNumber("ymax", value.YMax);
        writer.WriteEndObject();
    }
}
