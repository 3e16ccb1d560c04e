using HideAndSeek.WebApp;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

// dotnet run --project samples/WebApp -- --model <model.zip>   (or "Model" in configuration; limits under "Limits")
var builder = WebApplication.CreateBuilder(args);

// The limits are bound when the services start, so settings added after CreateBuilder (tests, hosts) count too.
builder.Services.AddOptions<ServingLimits>().BindConfiguration("Limits");
builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<ServingLimits>>().Value);
builder.Services.AddOptions<KestrelServerOptions>()
    .Configure<ServingLimits>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.MaxBodyBytes);
builder.Services.AddOptions<FormOptions>().Configure<ServingLimits>((form, limits) => form.MultipartBodyLengthLimit = limits.MaxBodyBytes);
builder.Services.AddRequestTimeouts();
builder.Services.AddOptions<RequestTimeoutOptions>().Configure<ServingLimits>((timeouts, limits) =>
    timeouts.DefaultPolicy = new RequestTimeoutPolicy { Timeout = limits.RequestTimeout, TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable });
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new BoundingBoxJsonConverter()));
builder.Services.AddSingleton(services => new LocalizationService(
    services.GetRequiredService<IConfiguration>()["Model"] is { Length: > 0 } modelPath ? modelPath
        : throw new InvalidOperationException("no model: start with --model <model.zip> (or set Model in configuration)"),
    services.GetRequiredService<PredictionSlots>(), services.GetRequiredService<ILogger<LocalizationService>>()));
builder.Services.AddSingleton<PredictionSlots>();
builder.Services.AddSingleton<OverlayStore>();

var app = builder.Build();
// Anything unexpected becomes a bare 500 problem, without a stack trace, in every environment.
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestTimeouts();
// Load the model now: a bad path or a zip that cannot be served stops the start with one line, not the first request.
try
{
    app.Services.GetRequiredService<LocalizationService>();
}
catch (Exception e) when (e is InvalidOperationException or IOException or InvalidDataException or FormatException)
{
    app.Logger.LogCritical("cannot serve {Model}: {Reason}", app.Configuration["Model"], e.Message);
    await app.DisposeAsync(); // flushes the console logger
    return 1;
}

app.MapGet("/", () => Results.Stream(typeof(PredictEndpoint).Assembly.GetManifestResourceStream("index.html")!, "text/html; charset=utf-8"));
app.MapGet("/health", (LocalizationService service) =>
{
    var model = service.Current;
    return Results.Ok(new
    {
        status = "ok",
        model = service.ModelPath,
        generation = model.Generation,
        classes = model.ClassNames.Count,
        lastReloadError = service.LastReloadError,
    });
});
app.MapPost("/predict", PredictEndpoint.HandleAsync).DisableAntiforgery();
app.MapGet("/overlays/{id}.png", (string id, OverlayStore overlays) =>
    overlays.Find(id) is { } png ? Results.File(png, "image/png") : Results.Problem("no such overlay (only the last few are kept)", statusCode: 404));

app.Run();
return 0;

/// <summary>The application's entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
