using HideAndSeek.Boxes;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.WebApp;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.WebApp;

/// <summary>
/// samples/WebApp on a 127.0.0.1 Kestrel port under bounded load: 8 clients, each sending photos in turn. Every answer
/// must equal batched scoring of the zip; latency and resident memory are printed, and memory must stay flat from
/// one round to the next (a leak of the engines, uploads or overlays grows it every round).
/// </summary>
[Collection(ServedModelCollection.Name)]
public sealed class ServiceLoadTests
{
    private const int Clients = 8;
    private const int RequestsPerClient = 100;

    private readonly ServedModelFixture _model;
    private readonly ITestOutputHelper _output;

    public ServiceLoadTests(ServedModelFixture model, ITestOutputHelper output)
    {
        _model = model;
        _output = output;
    }

    [Fact]
    public async Task Eight_clients_get_correct_answers_with_flat_memory()
    {
        var photos = _model.AllPhotos.ToList();
        var expected = await ExpectedAnswers(photos);
        using var service = new ServiceFactory(_model.ModelPath, kestrel: true);
        using var client = new HttpClient { BaseAddress = service.Address };
        Assert.Equal("127.0.0.1", client.BaseAddress!.Host);

        await Round(client, photos, expected, requestsPerClient: 10); // warm-up: engines, JIT, connections
        ProcessMemory.CollectEverything();
        double before = ProcessMemory.ResidentMiB();
        var first = await Round(client, photos, expected, RequestsPerClient);
        ProcessMemory.CollectEverything();
        double middle = ProcessMemory.ResidentMiB();
        var second = await Round(client, photos, expected, RequestsPerClient);
        ProcessMemory.CollectEverything();
        double after = ProcessMemory.ResidentMiB();

        Report("round 1", first);
        Report("round 2", second);
        _output.WriteLine($"RSS before {before:F0} MiB, after round 1 {middle:F0} MiB, after round 2 {after:F0} MiB");
        // Generous: allocator caches and thread stacks settle in the first round; a leak grows every round.
        Assert.True(after - middle < 64, $"RSS grew {after - middle:F0} MiB in the second round");
        Assert.True(after - before < 256, $"RSS grew {after - before:F0} MiB under load");
    }

    private async Task<IReadOnlyList<PredictionResponse>> ExpectedAnswers(IReadOnlyList<string> photos)
    {
        // The in-memory service's answers equal batched scoring (PredictEndpointTests); checked again here for one.
        using var reference = new ServiceFactory(_model.ModelPath);
        using var client = reference.CreateClient();
        var answers = new List<PredictionResponse>();
        foreach (var photo in photos)
            answers.Add(await PredictEndpointTests.PredictJson(photo, client));
        var batch = ServedModelFixture.ScoreInBatch(_model.ModelPath, photos);
        Assert.Equal(batch.Select(p => p.Score.Max()), answers.Select(a => a.Probability));
        Assert.Equal(batch.Select(p => BoundingBox.FromFloats(p.PhotoBox)), answers.Select(a => a.Box));
        return answers;
    }

    private static async Task<List<double>> Round(HttpClient client, IReadOnlyList<string> photos, IReadOnlyList<PredictionResponse> expected,
        int requestsPerClient)
    {
        var bodies = photos.Select(File.ReadAllBytes).ToList();
        var latencies = new List<double>[Clients];
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            latencies[c] = new List<double>(requestsPerClient);
            for (int r = 0; r < requestsPerClient; r++)
            {
                int p = (c + r) % photos.Count;
                var watch = Stopwatch.StartNew();
                using var response = await client.PostAsync("predict", PhotoBodies.Form(bodies[p], Path.GetFileName(photos[p])));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var answer = await response.Content.ReadFromJsonAsync<PredictionResponse>(PredictEndpointTests.JsonOptions);
                latencies[c].Add(watch.Elapsed.TotalMilliseconds);
                Assert.Equal(expected[p], answer);
            }
        })));
        return latencies.SelectMany(l => l).Order().ToList();
    }

    private void Report(string name, List<double> sorted)
    {
        double Percentile(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        _output.WriteLine($"{name}: {sorted.Count} requests ({Clients} clients), p50 {Percentile(0.50):F1} ms, p99 {Percentile(0.99):F1} ms, " +
            $"max {sorted[^1]:F1} ms");
    }
}
