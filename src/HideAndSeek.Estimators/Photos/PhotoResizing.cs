namespace HideAndSeek.Photos;

/// <summary>
/// How a photo of any size becomes the network's W x H input (ML.NET's <c>ResizeImages</c>, anchored at the centre).
/// The numeric values are the resizing code stored in the <c>PhotoGeometry</c> column; they are on-disk format.
/// </summary>
public enum PhotoResizing
{
    /// <summary>Both axes scaled independently to W x H; the aspect ratio is lost, nothing is cut (ResizingKind.Fill).</summary>
    Stretch = 0,

    /// <summary>One scale so the photo covers W x H, the overhang cut equally on both sides (ResizingKind.IsoCrop).</summary>
    Crop = 1,

    /// <summary>One scale so the photo fits inside W x H, centred on black bars (ResizingKind.IsoPad).</summary>
    Pad = 2,
}
