using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;
using System.ComponentModel;
using System.Reflection;

namespace HideAndSeek.Tests.Architecture;

/// <summary>The libraries show users what they call, and keep the model-format plumbing to themselves.</summary>
public class PublicSurfaceTests
{
    private static readonly Assembly[] Libraries = { typeof(GapClassifierTrainer).Assembly, typeof(TinyImageNetReader).Assembly };

    private static IEnumerable<Type> PublicTypes => Libraries.SelectMany(a => a.GetExportedTypes());

    [Fact]
    public void At_most_ten_public_types_are_hidden_from_IntelliSense()
    {
        var hidden = PublicTypes.Where(t => t.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never).ToList();
        Assert.True(hidden.Count <= 10, "Hidden public types: " + string.Join(", ", hidden.Select(t => t.FullName)));
    }

    [Theory]
    [InlineData("HideAndSeek.ModelFormat")]
    [InlineData("HideAndSeek.DataViews")]
    [InlineData("HideAndSeek.PixelColumns")]
    [InlineData("HideAndSeek.Ranking")]
    [InlineData("HideAndSeek.Randomness")]
    public void Plumbing_namespaces_export_nothing(string ns) =>
        Assert.Empty(PublicTypes.Where(t => t.Namespace == ns).Select(t => t.Name));

    [Fact]
    public void The_training_only_namespace_exports_what_hiding_and_augmentation_share_with_users()
    {
        // The bases users meet through HidePatches and AugmentImages (options, Fit, TransformForTraining) and the fill.
        var exported = PublicTypes.Where(t => t.Namespace == "HideAndSeek.TrainingOnly").Select(t => t.Name).Order();
        Assert.Equal(new[] { "PixelFill", "TrainingOnlyPixelEstimator`1", "TrainingOnlyPixelOptions", "TrainingOnlyPixelTransformer" }, exported);
    }
}
