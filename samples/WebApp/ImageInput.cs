namespace HideAndSeek.WebApp;

/// <summary>The row a model zip trained on image files expects: an image path, and a label (empty: unknown).</summary>
internal sealed class ImageInput
{
    public string ImagePath { get; set; } = "";

    public string Label { get; set; } = "";
}
