using HideAndSeek.CamLocalization;
using HideAndSeek.GapClassifier;
using HideAndSeek.ModelFormat;
using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.ModelFormat;

/// <summary>
/// Fitted and loaded models can be released: Dispose frees a fitted model's network at once (through ML.NET's
/// TransformerChain too), a dropped or loaded model is held by nothing of ours once unreachable, and using a disposed
/// model throws ObjectDisposedException naming it.
/// </summary>
public class ModelDisposalTests
{
    private const int Side = 64;

    [Fact]
    public void Disposing_the_fitted_chain_releases_classifier_and_localiser_and_using_them_throws_object_disposed()
    {
        var (ml, data, rows) = Data();
        var model = Fit(ml, data);
        var classifier = HideAndSeekModel.Find<GapClassifierTransformer>(model)!;
        var localizer = HideAndSeekModel.Find<CamLocalizer>(model)!;
        var engine = ml.Model.CreatePredictionEngine<PixelData.ImageRow, Heatmaps>(model, inputSchemaDefinition: PixelData.Definition(3, Side, Side));
        Assert.NotEmpty(engine.Predict(rows[0]).Heatmap);
        var runtime = classifier.Runtime;

        model.Dispose();
        model.Dispose();

        Assert.True(runtime.IsReleased, "disposing the chain did not release the classifier's network");
        Assert.False(ModelRegistry.Contains(runtime.ModelId));
        var transform = Assert.Throws<ObjectDisposedException>(() => model.Transform(data).GetColumn<float[]>("Heatmap").ToList());
        Assert.Contains(runtime.ModelId, transform.Message);
        var predict = Assert.Throws<ObjectDisposedException>(() => engine.Predict(rows[0]));
        Assert.Contains("GapClassifier", predict.Message);
        Assert.Throws<ObjectDisposedException>(() => classifier.Model.ParameterCount);
        Assert.Throws<ObjectDisposedException>(() => localizer.GetOutputSchema(data.Schema));
        using var dir = new TempDirectory();
        Assert.Throws<ObjectDisposedException>(() => ml.Model.Save(model, data.Schema, dir.File("model.zip")));
    }

    [Fact]
    public void A_zip_saved_before_dispose_loads_and_scores_after_the_fitted_model_is_disposed()
    {
        var (ml, data, _) = Data();
        using var dir = new TempDirectory();
        float[] expected;
        using (var model = Fit(ml, data))
        {
            expected = model.Transform(data).GetColumn<float[]>("Heatmap").First();
            ml.Model.Save(model, data.Schema, dir.File("model.zip"));
        }
        var loaded = ml.Model.Load(dir.File("model.zip"), out _);
        Assert.Equal(expected, loaded.Transform(data).GetColumn<float[]>("Heatmap").First());
    }

    [Fact]
    public void A_zip_loaded_while_the_fitted_model_lives_keeps_scoring_after_the_fitted_model_is_disposed()
    {
        var (ml, data, _) = Data();
        using var dir = new TempDirectory();
        var model = Fit(ml, data);
        var expected = model.Transform(data).GetColumn<float[]>("Heatmap").First();
        ml.Model.Save(model, data.Schema, dir.File("model.zip"));
        var loaded = ml.Model.Load(dir.File("model.zip"), out _);
        Assert.Equal(expected, loaded.Transform(data).GetColumn<float[]>("Heatmap").First());

        model.Dispose();

        Assert.Equal(expected, loaded.Transform(data).GetColumn<float[]>("Heatmap").First());
    }

    [Fact]
    public void Registry_forgets_a_dropped_model_and_a_loaded_zip_is_deserialised_again_and_kept_while_loaded()
    {
        var (ml, data, _) = Data();
        using var dir = new TempDirectory();
        var (modelId, expected) = FitSaveAndDrop(ml, data, dir.File("model.zip"));
        Assert.False(StillRegistered(modelId), "the registry kept a model nothing references");

        LoadScoreCollectAndScoreAgain(ml, data, dir.File("model.zip"), modelId, expected);
        Assert.False(StillRegistered(modelId), "the registry kept a loaded model after the chain was dropped");
        var again = ml.Model.Load(dir.File("model.zip"), out _);
        Assert.Equal(expected, again.Transform(data).GetColumn<float[]>("Heatmap").First());
    }

    [Fact]
    public void A_restored_classifier_can_be_disposed_without_breaking_the_loaded_chain_it_came_from()
    {
        var (ml, data, _) = Data();
        using var dir = new TempDirectory();
        var (_, expected) = FitSaveAndDrop(ml, data, dir.File("model.zip"));
        var loaded = ml.Model.Load(dir.File("model.zip"), out _);
        var restored = HideAndSeekModel.Find<GapClassifierTransformer>(loaded)!;
        Assert.NotNull(restored.Model.ClassNames);

        restored.Dispose();
        restored.Dispose();

        Assert.Throws<ObjectDisposedException>(() => restored.Transform(data));
        Assert.Equal(expected, loaded.Transform(data).GetColumn<float[]>("Heatmap").First());
    }

    /// <summary>
    /// Whether the registry still holds <paramref name="modelId"/> after collections; ML.NET's cursor threads may
    /// hold the last rows of a chain for a moment after the reader is done, so it collects a few times.
    /// </summary>
    private static bool StillRegistered(string modelId)
    {
        for (int i = 0; i < 20 && ModelRegistry.Contains(modelId); i++)
        {
            ProcessMemory.CollectEverything();
            if (ModelRegistry.Contains(modelId))
                Thread.Sleep(100);
        }
        return ModelRegistry.Contains(modelId);
    }

    // No inlining: the loaded chain must not stay reachable from the caller's locals.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void LoadScoreCollectAndScoreAgain(MLContext ml, IDataView data, string path, string modelId, float[] expected)
    {
        var loaded = ml.Model.Load(path, out _);
        Assert.Equal(expected, loaded.Transform(data).GetColumn<float[]>("Heatmap").First());
        ProcessMemory.CollectEverything();
        Assert.True(ModelRegistry.Contains(modelId), "the loaded chain does not keep its model alive");
        Assert.Equal(expected, loaded.Transform(data).GetColumn<float[]>("Heatmap").First());
    }

    // No inlining: the fitted model must not stay reachable from this frame's locals.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (string ModelId, float[] Heatmap) FitSaveAndDrop(MLContext ml, IDataView data, string path)
    {
        var model = Fit(ml, data);
        ml.Model.Save(model, data.Schema, path);
        return (HideAndSeekModel.Find<GapClassifierTransformer>(model)!.Runtime.ModelId, model.Transform(data).GetColumn<float[]>("Heatmap").First());
    }

    private static (MLContext Ml, IDataView Data, List<PixelData.ImageRow> Rows) Data()
    {
        var ml = new MLContext(seed: 1);
        var rows = PixelData.Random(6, 3, Side, Side, seed: 4);
        return (ml, PixelData.Create(ml, rows, 3, Side, Side), rows);
    }

    private static TransformerChain<CamLocalizer> Fit(MLContext ml, IDataView data) =>
        ModelLifetimeRuns.Pipeline(ml, seed: 2, width: 0.1, batchSize: 6).Fit(data);

    public sealed class Heatmaps
    {
        public float[] Heatmap { get; set; } = Array.Empty<float>();
    }
}
