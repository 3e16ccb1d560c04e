using HideAndSeek.GapClassifier;
using HideAndSeek.ModelFormat;

namespace HideAndSeek.Tests.ModelFormat;

/// <summary>What decides whether a model zip from another package version can be read.</summary>
public class ModelVersionTests
{
    [Fact]
    public void A_payload_in_a_newer_format_is_refused_with_the_versions_and_what_to_upgrade()
    {
        var bytes = new ModelPayload(GapClassifierRuntime.PayloadKind, GapClassifierRuntime.PayloadVersion + 1)
            .SetText("network", "{}")
            .ToBytes();
        var e = Assert.Throws<InvalidDataException>(() =>
            ModelPayload.Parse(bytes, GapClassifierRuntime.PayloadKind, GapClassifierRuntime.PayloadVersion));
        Assert.Contains($"format {GapClassifierRuntime.PayloadVersion + 1}", e.Message);
        Assert.Contains($"HideAndSeek.Estimators {ModelPayload.PackageVersion} reads up to format {GapClassifierRuntime.PayloadVersion}", e.Message);
        Assert.Contains("Upgrade the HideAndSeek.Estimators and HideAndSeek.MLNet packages", e.Message);
    }

    [Fact]
    public void A_payload_in_an_older_or_equal_format_is_read()
    {
        var bytes = new ModelPayload(GapClassifierRuntime.PayloadKind, GapClassifierRuntime.PayloadVersion).SetText("network", "{}").ToBytes();
        Assert.Equal("{}", ModelPayload.Parse(bytes, GapClassifierRuntime.PayloadKind, GapClassifierRuntime.PayloadVersion).GetText("network"));
    }

    [Theory]
    [InlineData(typeof(GapClassifierRuntime))]
    [InlineData(typeof(HideAndSeek.Visualization.LocalizationVisualizer))]
    public void The_assembly_version_stays_1_0_0_0_whatever_the_package_version(Type type)
    {
        // Model zips name "HideAndSeek.Estimators, Version=1.0.0.0" to load their components, and .NET refuses a request
        // for a higher version than the one installed: a fixed assembly version lets every package version read every
        // zip as far as the payload format allows (the test above), instead of failing with FileNotFoundException.
        Assert.Equal(new Version(1, 0, 0, 0), type.Assembly.GetName().Version);
        Assert.NotEqual("?", ModelPayload.PackageVersion);
    }
}
