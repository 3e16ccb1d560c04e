using HideAndSeek.Boxes;

namespace HideAndSeek.WebApp;

/// <summary>
/// What POST /predict answers: the class, its probability, the box in the photo's pixels (the model's PhotoBox), the
/// photo's size, the CAM threshold the box was cut at, and (when kept) the overlay's address.
/// </summary>
internal sealed record PredictionResponse(string Label, float Probability, BoundingBox Box, int Width, int Height, float Threshold,
    string? Overlay = null);
