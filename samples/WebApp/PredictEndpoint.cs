using HideAndSeek.Boxes;
using HideAndSeek.Photos;
using HideAndSeek.Visualization;
using System.Globalization;

namespace HideAndSeek.WebApp;

/// <summary>
/// POST /predict: a multipart photo in; JSON (class, probability, box in the photo's pixels) or, with
/// <c>?overlay=true</c>, the overlay PNG out; <c>?keepOverlay=true</c> adds the overlay's address to the JSON.
/// Bad uploads get a 4xx problem with a one-line reason.
/// </summary>
internal static class PredictEndpoint
{
    // Overlays of large photos are drawn at this many pixels on the long side: the picture is for a screen.
    private const int OverlayMaxSide = 1024;

    public static async Task<IResult> HandleAsync(HttpRequest request, LocalizationService service, OverlayStore overlays,
        ServingLimits limits, ILogger<LocalizationService> log, bool overlay = false, bool keepOverlay = false)
    {
        var cancellation = request.HttpContext.RequestAborted;
        try
        {
            using var photo = await PhotoUpload.ReadAsync(request, limits, cancellation);
            var (prediction, model) = await service.PredictAsync(photo.Path, cancellation);
            var response = Describe(prediction, model);
            if (overlay)
                return Results.File(Overlay(photo.Path, prediction, model, response), "image/png");
            if (keepOverlay)
                response = response with { Overlay = $"/overlays/{overlays.Add(Overlay(photo.Path, prediction, model, response))}.png" };
            return Results.Ok(response);
        }
        catch (PhotoRejectedException e)
        {
            log.LogInformation("rejected an upload ({Status}): {Reason}", e.StatusCode, e.Message);
            return Results.Problem(e.Message, statusCode: e.StatusCode);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The time limit (RequestTimeouts cancels the request's token) or the client went away.
            return Results.Problem("the request took longer than the time limit", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static PredictionResponse Describe(ImagePrediction prediction, ServedModel model)
    {
        int index = (int)prediction.PredictedLabel - 1;
        string label = index >= 0 && index < model.ClassNames.Count ? model.ClassNames[index] : "?";
        float probability = index >= 0 && index < prediction.Score.Length ? prediction.Score[index] : float.NaN;
        // The localiser's own PhotoBox: mapped back through the resize the model did, in the photo's pixels.
        return new PredictionResponse(label, probability, BoundingBox.FromFloats(prediction.PhotoBox), (int)prediction.PhotoGeometry[0],
            (int)prediction.PhotoGeometry[1], model.Threshold);
    }

    private static byte[] Overlay(string photoPath, ImagePrediction prediction, ServedModel model, PredictionResponse response)
    {
        var frame = PhotoFrame.FromGeometry(prediction.PhotoGeometry, model.NetworkWidth, model.NetworkHeight);
        using var png = new MemoryStream();
        PhotoOverlay.Write(photoPath, prediction.Heatmap, frame, response.Box,
            $"{response.Label} {response.Probability.ToString("P0", CultureInfo.InvariantCulture)}", png, OverlayMaxSide);
        return png.ToArray();
    }
}
