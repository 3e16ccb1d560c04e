using HideAndSeek.Tests.TestSupport;
using HideAndSeek.Visualization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.WebApp;

/// <summary>
/// The page in a real browser: headless Chromium opens it from the service on 127.0.0.1, a photo is picked in its file
/// input, and the screenshot must show the overlay (its green box) and the class. HIDEANDSEEK_SCREENSHOT keeps the PNG;
/// HIDEANDSEEK_SCREENSHOT_MODEL and HIDEANDSEEK_SCREENSHOT_PHOTO take a better-trained model and another photo (for the
/// README's picture) instead of the tests' tiny model.
/// </summary>
[Collection(ServedModelCollection.Name)]
public sealed class PageScreenshotTests
{
    private readonly ServedModelFixture _model;
    private readonly ITestOutputHelper _output;

    public PageScreenshotTests(ServedModelFixture model, ITestOutputHelper output)
    {
        _model = model;
        _output = output;
    }

    [RequiresChromiumFact]
    public async Task Picking_a_photo_on_the_page_shows_its_overlay_box_and_class()
    {
        using var temp = new TempDirectory();
        string photo = temp.File("photo.jpg");
        string source = Environment.GetEnvironmentVariable("HIDEANDSEEK_SCREENSHOT_PHOTO") is { Length: > 0 } chosen ? chosen : _model.Photos[0];
        using (var image = Image.Load(source))
        {
            image.Mutate(c => c.Resize(480, 320));
            image.SaveAsJpeg(photo);
        }
        string model = Environment.GetEnvironmentVariable("HIDEANDSEEK_SCREENSHOT_MODEL") is { Length: > 0 } trained ? trained : _model.ModelPath;
        using var service = new ServiceFactory(model, kestrel: true);
        var address = service.Address;
        using var browser = await HeadlessChromium.StartAsync(760, 560);
        await browser.NavigateAsync(address);
        await browser.SetFileAsync("#photo", photo);
        await browser.WaitForAsync("['shown', 'error'].includes(document.body.dataset.state)", TimeSpan.FromSeconds(60));
        string? text = await browser.EvaluateAsync("document.getElementById('result').textContent");
        _output.WriteLine(text);
        Assert.Equal("shown", await browser.EvaluateAsync("document.body.dataset.state"));
        using var client = new HttpClient { BaseAddress = address };
        var expected = (await PredictEndpointTests.PredictJson(photo, client)).Label;
        Assert.StartsWith(expected + " (probability", text);

        byte[] png = await browser.ScreenshotAsync();
        string kept = Environment.GetEnvironmentVariable("HIDEANDSEEK_SCREENSHOT") is { Length: > 0 } path ? path : temp.File("page.png");
        File.WriteAllBytes(kept, png);
        _output.WriteLine($"screenshot: {kept}");
        using var screenshot = Image.Load<Rgba32>(png);
        int green = 0;
        screenshot.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                foreach (var pixel in rows.GetRowSpan(y))
                    green += pixel.R == PanelRenderer.PredictionColor.R && pixel.G == PanelRenderer.PredictionColor.G && pixel.B == PanelRenderer.PredictionColor.B ? 1 : 0;
            }
        });
        // The box's outline is at least 2 px thick around at least a few pixels: hundreds of pure-green pixels.
        Assert.True(green >= 200, $"the screenshot has {green} box-green pixels");
    }
}
