using System.ComponentModel;
using System.Reflection;
using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.GapClassifier;

namespace HideAndSeek.Tests.Architecture;

/// <summary>The libraries show users what they call, and keep the model-format plumbing to themselves.</summary>
public class PublicSurfaceTests
{
    private static readonly Assembly[] Libraries = { typeof(GapClassifierTrainer).Assembly, typeof(TinyImageNetDataView).Assembly };

    private static IEnumerable<Type> PublicTypes => Libraries.SelectMany(a => a.GetExportedTypes());

    [Fact]
    public void At_most_ten_public_types_are_hidden_from_IntelliSense()
    {
        var hidden = PublicTypes.Where(t => t.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never).ToList();
        Assert.True(hidden.Count <= 10, "Hidden public types: " + string.Join(", ", hidden.Select(t => t.FullName)));
    }

    [Theory]
    [InlineData("HideAndSeek.ModelFormat")]
    [InlineData("HideAndSeek.Pipelines")]
    [InlineData("HideAndSeek.TrainingOnly")]
    [InlineData("HideAndSeek.Randomness")]
    public void Plumbing_namespaces_export_nothing_but_the_training_only_base(string ns)
    {
        var exported = PublicTypes.Where(t => t.Namespace == ns).Select(t => t.Name).ToList();
        // The training-only base is public: hiding and augmentation derive from it and users call TransformForTraining.
        Assert.Equal(ns == "HideAndSeek.TrainingOnly" ? new[] { "TrainingOnlyPixelTransformer" } : Array.Empty<string>(), exported);
    }
}
