using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.WebApp;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

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
            Assert.Equal(classes.Geometry.For(image.Width, image.Height).ToPhoto(expected[i].PredictedBox), actual.Box);
            Assert.Null(actual.Overlay);
        }
    }

    [Fact]
    public void A_box_maps_back_through_the_centre_crop_of_a_wide_photo()
    {
        var geometry = new ModelInputGeometry(64, 64, Microsoft.ML.Transforms.Image.ImageResizingEstimator.ResizingKind.IsoCrop,
            Microsoft.ML.Transforms.Image.ImageResizingEstimator.Anchor.Center);
        // 200 x 100 scaled by 0.64 is 128 x 64; the centre 64 columns are photo columns 50..149.
        Assert.Equal(new PhotoBox(50, 0, 149, 99), geometry.For(200, 100).ToPhoto([0, 0, 63, 63]));
        Assert.Equal(new PhotoBox(50, 50, 51, 51), geometry.For(200, 100).ToPhoto([0, 32, 0, 32]));
        var fill = geometry with { Resizing = Microsoft.ML.Transforms.Image.ImageResizingEstimator.ResizingKind.Fill };
        Assert.Equal(new PhotoBox(0, 0, 9, 4), fill.For(320, 160).ToPhoto([0, 0, 1, 1]));
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
        Assert.Equal(OverlayRenderer.BoxColor, overlay[box.Xmin, box.Ymin]);
        Assert.Equal(OverlayRenderer.BoxColor, overlay[box.Xmax, box.Ymax]);
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

    public void Dispose()
    {
        _client.Dispose();
        _service.Dispose();
    }

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private Task<PredictionResponse> PredictJson(string photo) => PredictJson(photo, _client);

    internal static async Task<PredictionResponse> PredictJson(string photo, HttpClient client)
    {
        using var response = await client.PostAsync("predict", PhotoBodies.Form(photo));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PredictionResponse>(JsonOptions))!;
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        string detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.DoesNotContain('\n', detail);
        Assert.DoesNotContain(" at ", body);
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
}
