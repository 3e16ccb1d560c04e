using HideAndSeek.WebApp;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;

// dotnet run --project samples/WebApp -- --model <model.zip>   (or "Model" in configuration; limits under "Limits")
var builder = WebApplication.CreateBuilder(args);
var limits = builder.Configuration.GetSection("Limits").Get<ServingLimits>() ?? new ServingLimits();

builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxBodyBytes);
builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = limits.MaxBodyBytes);
builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy { Timeout = limits.RequestTimeout });
builder.Services.AddProblemDetails();
builder.Services.AddSingleton(limits);
builder.Services.AddSingleton(services => new LocalizationService(
    services.GetRequiredService<IConfiguration>()["Model"] is { Length: > 0 } modelPath ? modelPath
        : throw new InvalidOperationException("no model: start with --model <model.zip> (or set Model in configuration)"),
    limits, services.GetRequiredService<ILogger<LocalizationService>>()));
builder.Services.AddSingleton<OverlayStore>();

var app = builder.Build();
// Anything unexpected becomes a bare 500 problem, without a stack trace, in every environment.
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestTimeouts();
// Load the model now: a bad path or zip stops the start, not the first request.
app.Services.GetRequiredService<LocalizationService>();

app.MapGet("/", () => Results.Stream(typeof(PredictEndpoint).Assembly.GetManifestResourceStream("index.html")!, "text/html; charset=utf-8"));
app.MapGet("/health", (LocalizationService service) =>
{
    var model = service.Current;
    return Results.Ok(new
    {
        status = "ok", model = service.ModelPath, generation = model.Generation, classes = model.ClassNames.Count,
        lastReloadError = service.LastReloadError,
    });
});
app.MapPost("/predict", PredictEndpoint.HandleAsync).DisableAntiforgery();
app.MapGet("/overlays/{id}.png", (string id, OverlayStore overlays) =>
    overlays.Find(id) is { } png ? Results.File(png, "image/png") : Results.Problem("no such overlay (only the last few are kept)", statusCode: 404));

app.Run();

/// <summary>The application's entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
