using HideAndSeek.CamLocalization;
using HideAndSeek.ModelFormat;

namespace HideAndSeek.Tests.ModelFormat;

/// <summary>
/// How a payload's JSON that does not match the reading version is read: a key the reader does not know fails (a
/// renamed option must not load at its default in silence), a key the JSON lacks keeps the default (an option added
/// after the zip was saved).
/// </summary>
public class PayloadJsonTests
{
    private static ModelPayload Payload(string optionsJson) =>
        ModelPayload.Parse(new ModelPayload("CamLocalizer", 1).SetText("options", optionsJson).ToBytes(), "CamLocalizer", 1);

    [Fact]
    public void An_unknown_key_fails_naming_the_key_the_section_and_the_kind()
    {
        var e = Assert.Throws<InvalidDataException>(() => Payload("""{"TopK":2,"HeatmapColumn":"Heatmap"}""").GetJson<CamLocalizerOptions>("options"));
        Assert.Contains("'HeatmapColumn'", e.Message);
        Assert.Contains("Section 'options' of the CamLocalizer model payload", e.Message);
        Assert.Contains("renamed", e.Message);
    }

    [Fact]
    public void A_missing_key_keeps_its_default()
    {
        var options = Payload("""{"TopK":3}""").GetJson<CamLocalizerOptions>("options");
        Assert.Equal(3, options.TopK);
        Assert.Equal(new CamLocalizerOptions().PhotoBoxColumnName, options.PhotoBoxColumnName);
    }

    [Fact]
    public void Null_json_is_reported_as_empty()
    {
        var e = Assert.Throws<InvalidDataException>(() => Payload("null").GetJson<CamLocalizerOptions>("options"));
        Assert.Contains("is empty", e.Message);
    }
}
