using HideAndSeek.Boxes;
using HideAndSeek.Photos;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.Visualization;
using HideAndSeek.WebApp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HideAndSeek.Tests.WebApp;

/// <summary>samples/WebApp's endpoints in memory, over a tiny model zip.</summary>
[Collection(ServedModelCollection.Name)]
public sealed class PredictEndpointTests : IDisposable
{
    private readonly ServedModelFixture _model;
    private readonly ServiceFactory _service;
    private readonly HttpClient _client;

    public PredictEndpointTests(ServedModelFixture model)
    {
        _model = model;
        _service = new ServiceFactory(model.ModelPath);
        _client = _service.CreateClient();
    }

    [Fact]
    public async Task Predictions_equal_batched_scoring_of_the_zip_with_the_box_in_photo_pixels()
    {
        var photos = _model.AllPhotos.ToList();
        var expected = ServedModelFixture.ScoreInBatch(_model.ModelPath, photos);
        var classes = ServedModel.Describe(new Microsoft.ML.MLContext().Model.Load(_model.ModelPath, out _), 1);
        for (int i = 0; i < photos.Count; i++)
        {
            using var response = await _client.PostAsync("predict", PhotoBodies.Form(photos[i]));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var actual = (await response.Content.ReadFromJsonAsync<PredictionResponse>(JsonOptions))!;
            using var image = Image.Load(photos[i]);
            Assert.Equal((image.Width, image.Height), (actual.Width, actual.Height));
            Assert.Equal(classes.ClassNames[(int)expected[i].PredictedLabel - 1], actual.Label);
            Assert.Equal(expected[i].Score.Max(), actual.Probability);
            Assert.Equal(classes.Threshold, actual.Threshold);
            Assert.Equal(BoundingBox.FromFloats(expected[i].PhotoBox), actual.Box);
            Assert.Null(actual.Overlay);
        }
    }

    [Fact]
    public async Task A_wide_photos_box_is_the_network_box_mapped_back_through_the_centre_crop()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(_model.ModelPath, out _);
        var rows = ml.Data.LoadFromEnumerable(new[] { new ImageInput { ImagePath = _model.WidePhoto } });
        var scored = ml.Data.CreateEnumerable<NetworkBoxRow>(model.Transform(rows), reuseRowObject: false).Single();
        var frame = PhotoFrame.FromGeometry(scored.PhotoGeometry, 64, 64);
        // 300 x 200 scaled to 96 x 64: the centre 64 columns are kept, the photo's left edge 16 network pixels off it.
        Assert.Equal((300, 200, PhotoResizing.Crop, -16.0), (frame.PhotoWidth, frame.PhotoHeight, frame.Resizing, frame.OffsetX));
        var served = await PredictJson(_model.WidePhoto);
        Assert.Equal(frame.ToPhoto(BoundingBox.FromFloats(scored.PredictedBox)), served.Box);
        Assert.Equal((300, 200), (served.Width, served.Height));
        (model as IDisposable)?.Dispose();
    }

    [Fact]
    public async Task The_overlay_is_the_photo_with_heat_and_a_green_box()
    {
        using var response = await _client.PostAsync("predict?overlay=true", PhotoBodies.Form(_model.WidePhoto));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var overlay = Image.Load<Rgba32>(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((300, 200), (overlay.Width, overlay.Height));
        var box = (await PredictJson(_model.WidePhoto)).Box;
        Assert.False(box.IsEmpty);
        // The bottom corners: the caption (class and probability) is drawn over the top-left one.
        Assert.Equal(PanelRenderer.PredictionColor, overlay[box.XMin, box.YMax]);
        Assert.Equal(PanelRenderer.PredictionColor, overlay[box.XMax, box.YMax]);
        using var photo = Image.Load<Rgba32>(_model.WidePhoto);
        Assert.NotEqual(photo[150, 100], overlay[150, 100]); // heat blended in
    }

    [Fact]
    public async Task A_kept_overlay_is_served_at_its_address()
    {
        using var response = await _client.PostAsync("predict?keepOverlay=true", PhotoBodies.Form(_model.Photos[1]));
        var prediction = (await response.Content.ReadFromJsonAsync<PredictionResponse>(JsonOptions))!;
        Assert.Matches("^/overlays/[0-9a-f]{32}\\.png$", prediction.Overlay);
        using var overlay = await _client.GetAsync(prediction.Overlay!.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, overlay.StatusCode);
        Assert.Equal("image/png", overlay.Content.Headers.ContentType?.MediaType);
        using var missing = await _client.GetAsync("overlays/" + new string('0', 32) + ".png");
        await AssertProblem(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_page_and_health_are_served()
    {
        using var page = await _client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("predict?keepOverlay=true", html);
        Assert.Contains("type=\"file\"", html);

        using var health = await _client.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("generation").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("classes").GetInt32());
    }

    public static TheoryData<string> BadInputs() => ["not an image", "truncated JPEG", "empty file", "empty body", "50-megapixel photo",
        "raw JPEG body", "JSON body", "form without a file", "TIFF photo"];

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_4xx_with_a_one_line_reason(string input)
    {
        byte[] jpeg = File.ReadAllBytes(_model.Photos[0]);
        HttpContent body = input switch
        {
            "not an image" => PhotoBodies.Form("hello, this is text"u8.ToArray(), "notes.jpg"),
            "truncated JPEG" => PhotoBodies.Form(jpeg[..(jpeg.Length / 2)]),
            "empty file" => PhotoBodies.Form([]),
            "empty body" => new ByteArrayContent([]),
            "50-megapixel photo" => PhotoBodies.Form(PhotoBodies.PngHeader(8660, 5774), "big.png", "image/png"),
            "raw JPEG body" => new ByteArrayContent(jpeg) { Headers = { ContentType = new("image/jpeg") } },
            "JSON body" => JsonContent.Create(new { photo = "x" }),
            "form without a file" => new FormUrlEncodedContent([new("photo", "x")]),
            "TIFF photo" => PhotoBodies.Form(Tiff(_model.Photos[0]), "photo.tiff", "image/tiff"),
            _ => throw new ArgumentOutOfRangeException(nameof(input)),
        };
        using var response = await _client.PostAsync("predict", body);
        var expected = input switch
        {
            "truncated JPEG" or "empty file" or "form without a file" => HttpStatusCode.BadRequest,
            "50-megapixel photo" => HttpStatusCode.RequestEntityTooLarge,
            _ => HttpStatusCode.UnsupportedMediaType,
        };
        await AssertProblem(response, expected);
        // The service goes on serving.
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("predict", PhotoBodies.Form(_model.Photos[0]))).StatusCode);
    }

    [Fact]
    public async Task A_model_file_replaced_by_garbage_keeps_the_old_model_serving_and_a_good_one_is_loaded()
    {
        using var temp = new TempDirectory();
        string watched = temp.File("model.zip");
        File.Copy(_model.ModelPath, watched);
        using var service = new ServiceFactory(watched);
        using var client = service.CreateClient();
        var before = await PredictJson(_model.Photos[2], client);

        File.WriteAllBytes(watched, "this is not a model zip"u8.ToArray());
        using (var health = await WaitForHealth(client, h => h.GetProperty("lastReloadError").ValueKind == JsonValueKind.String))
            Assert.Equal(1, health.RootElement.GetProperty("generation").GetInt32());
        Assert.Equal(before, await PredictJson(_model.Photos[2], client));

        File.Copy(_model.ModelPath, watched + ".new");
        File.Move(watched + ".new", watched, overwrite: true);
        using (var health = await WaitForHealth(client, h => h.GetProperty("generation").GetInt32() == 2))
            Assert.Equal(JsonValueKind.Null, health.RootElement.GetProperty("lastReloadError").ValueKind);
        Assert.Equal(before, await PredictJson(_model.Photos[2], client));
    }

    [Fact]
    public async Task A_model_without_photo_geometry_is_refused_on_reload_and_the_old_one_keeps_serving()
    {
        using var temp = new TempDirectory();
        string watched = temp.File("model.zip");
        File.Copy(_model.ModelPath, watched);
        using var service = new ServiceFactory(watched);
        using var client = service.CreateClient();
        var before = await PredictJson(_model.Photos[2], client);

        File.Copy(_model.LegacyModelPath, watched + ".new");
        File.Move(watched + ".new", watched, overwrite: true);
        using (var health = await WaitForHealth(client, h => h.GetProperty("lastReloadError").ValueKind == JsonValueKind.String))
        {
            Assert.Equal(1, health.RootElement.GetProperty("generation").GetInt32());
            string reason = health.RootElement.GetProperty("lastReloadError").GetString()!;
            Assert.Contains("PhotoGeometry", reason);
            Assert.Contains("PreparePhotos", reason);
            Assert.DoesNotContain('\n', reason);
        }
        Assert.Equal(before, await PredictJson(_model.Photos[2], client));
    }

    [Fact]
    public async Task A_model_without_photo_geometry_is_refused_at_startup_with_a_one_line_reason()
    {
        // The real program (its apphost is copied beside the tests): it must stop with exit code 1 and the reason.
        string app = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "HideAndSeek.WebApp.exe" : "HideAndSeek.WebApp");
        var start = new ProcessStartInfo(app)
        {
            ArgumentList = { "--model", _model.LegacyModelPath, "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the service started serving a model without photo geometry");
        }
        string output = await stdout + await stderr;
        Assert.True(process.ExitCode == 1, $"exit code {process.ExitCode}: {output}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var reason = Assert.Single(lines, l => l.Contains("cannot serve"));
        Assert.Contains("PreparePhotos", reason);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_the_size_limit_gets_413_with_a_one_line_reason(bool kestrel)
    {
        using var service = new ServiceFactory(_model.ModelPath, kestrel, new Dictionary<string, string> { ["Limits:MaxBodyBytes"] = "4096" });
        using var client = kestrel ? new HttpClient { BaseAddress = service.Address } : service.CreateClient();
        using var response = await client.PostAsync("predict", PhotoBodies.Form(new byte[16 * 1024]));
        string detail = await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("4096 bytes", detail);
        // A photo under the limit is still scored.
        var small = File.ReadAllBytes(_model.Photos[0]);
        Assert.True(small.Length < 3500, $"the test photo is {small.Length} bytes");
        using var ok = await client.PostAsync("predict", PhotoBodies.Form(small));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task A_request_past_the_time_limit_gets_503_not_500()
    {
        using var service = new ServiceFactory(_model.ModelPath, kestrel: true, new Dictionary<string, string>
        {
            ["Limits:RequestTimeout"] = "00:00:00.5",
            ["Limits:MaxConcurrentPredictions"] = "1",
        });
        using var client = new HttpClient { BaseAddress = service.Address };
        // The only prediction slot is busy for longer than the time limit: the request waits for it and then gives up.
        var slots = service.Services.GetRequiredService<PredictionSlots>();
        await slots.TakeAsync(CancellationToken.None);
        try
        {
            using var response = await client.PostAsync("predict", PhotoBodies.Form(_model.Photos[0]));
            string detail = await AssertProblem(response, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("time limit", detail);
        }
        finally
        {
            slots.Release();
        }
        // The slot is free again and the service goes on serving.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("predict", PhotoBodies.Form(_model.Photos[0]))).StatusCode);
    }

    public void Dispose()
    {
        _client.Dispose();
        _service.Dispose();
    }

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new BoundingBoxJsonConverter() } };

    private Task<PredictionResponse> PredictJson(string photo) => PredictJson(photo, _client);

    internal static async Task<PredictionResponse> PredictJson(string photo, HttpClient client)
    {
        using var response = await client.PostAsync("predict", PhotoBodies.Form(photo));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PredictionResponse>(JsonOptions))!;
    }

    /// <returns>The problem's one-line detail.</returns>
    private static async Task<string> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        string detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.DoesNotContain('\n', detail);
        Assert.DoesNotContain(" at ", body);
        return detail;
    }

    private static async Task<JsonDocument> WaitForHealth(HttpClient client, Func<JsonElement, bool> condition)
    {
        // The pool reloads 200 ms after the file settles and retries a failed load five times.
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(50))
        {
            var health = JsonDocument.Parse(await client.GetStringAsync("health"));
            if (condition(health.RootElement))
                return health;
            health.Dispose();
        }
        throw new TimeoutException("the health endpoint never showed the expected reload state");
    }

    private static byte[] Tiff(string jpeg)
    {
        using var image = Image.Load(jpeg);
        using var tiff = new MemoryStream();
        image.SaveAsTiff(tiff);
        return tiff.ToArray();
    }

    /// <summary>The columns that show the mapping: the network-space box and the photo's geometry.</summary>
    private sealed class NetworkBoxRow
    {
        public float[] PredictedBox { get; set; } = [];

        public float[] PhotoGeometry { get; set; } = [];
    }
}
