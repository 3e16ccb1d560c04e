namespace HideAndSeek.WebApp;

/// <summary>
/// POST /predict: a multipart photo in; JSON (class, probability, box in the photo's pixels) or, with
/// <c>?overlay=true</c>, the overlay PNG out; <c>?keepOverlay=true</c> adds the overlay's address to the JSON.
/// Bad uploads get a 4xx problem with a one-line reason.
/// </summary>
internal static class PredictEndpoint
{
    public static async Task<IResult> HandleAsync(HttpRequest request, LocalizationService service, OverlayStore overlays,
        ServingLimits limits, ILogger<LocalizationService> log, bool overlay = false, bool keepOverlay = false)
    {
        var cancellation = request.HttpContext.RequestAborted;
        try
        {
            using var photo = await PhotoUpload.ReadAsync(request, limits, cancellation);
            var (prediction, model) = await service.PredictAsync(photo.Path, cancellation);
            if (overlay)
                return Results.File(OverlayRenderer.Render(photo.Path, prediction, model.Geometry), "image/png");
            string? overlayUrl = keepOverlay
                ? $"/overlays/{overlays.Add(OverlayRenderer.Render(photo.Path, prediction, model.Geometry))}.png"
                : null;
            return Results.Ok(Describe(prediction, model, photo, overlayUrl));
        }
        catch (PhotoRejectedException e)
        {
            log.LogInformation("rejected an upload ({Status}): {Reason}", e.StatusCode, e.Message);
            return Results.Problem(e.Message, statusCode: e.StatusCode);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The timeout (the middleware answers 503) or the client went away.
            return Results.Problem("the request took longer than the time limit", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static PredictionResponse Describe(ImagePrediction prediction, ServedModel model, PhotoUpload photo, string? overlayUrl)
    {
        int index = (int)prediction.PredictedLabel - 1;
        string label = index >= 0 && index < model.ClassNames.Count ? model.ClassNames[index] : "?";
        float probability = index >= 0 && index < prediction.Score.Length ? prediction.Score[index] : float.NaN;
        var box = model.Geometry.For(photo.Width, photo.Height).ToPhoto(prediction.PredictedBox);
        return new PredictionResponse(label, probability, box, photo.Width, photo.Height, model.Threshold, overlayUrl);
    }
}
