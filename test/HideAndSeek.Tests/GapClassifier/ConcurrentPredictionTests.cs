using HideAndSeek.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.GapClassifier;

/// <summary>
/// A web app keeps one loaded model and gives each request thread its own PredictionEngine (what ML.NET's
/// PredictionEnginePool does). The loaded network is shared by all of them.
/// </summary>
public class ConcurrentPredictionTests : IClassFixture<TrainedClassifierFixture>
{
    private const int Threads = 8;
    private const int PredictionsPerThread = 1000;
    private readonly TrainedClassifierFixture _f;
    private readonly ITestOutputHelper _output;

    public ConcurrentPredictionTests(TrainedClassifierFixture fixture, ITestOutputHelper output)
    {
        _f = fixture;
        _output = output;
    }

    [Fact]
    public void Eight_threads_with_their_own_prediction_engines_over_one_loaded_model_agree_with_batched_scoring()
    {
        using var dir = new TempDirectory();
        _f.Ml.Model.Save(_f.Model, _f.Train.Schema, dir.File("model.zip"));
        var ml = new MLContext(seed: 1);
        var loaded = ml.Model.Load(dir.File("model.zip"), out _);
        var batched = _f.Model.Transform(_f.Validation).GetColumn<float[]>("Score").ToList();
        var rows = ml.Data.CreateEnumerable<GapClassifierTests.ImageInput>(_f.Validation, reuseRowObject: false).ToList();

        var mismatches = new int[Threads];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            var engine = ml.Model.CreatePredictionEngine<GapClassifierTests.ImageInput, GapClassifierTests.ScoredRow>(loaded);
            for (int i = 0; i < PredictionsPerThread; i++)
            {
                int row = (i * 7 + thread * 13) % rows.Count; // each thread walks the rows in its own order
                if (!engine.Predict(rows[row]).Score.SequenceEqual(batched[row]))
                    mismatches[thread]++;
            }
        });
        _output.WriteLine($"{Threads * PredictionsPerThread} predictions on {Threads} threads in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.All(mismatches, m => Assert.Equal(0, m));
    }
}
