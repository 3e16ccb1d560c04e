namespace HideAndSeek.Boxes;

/// <summary>One 8-connected foreground component: its tight box, pixel count and first pixel in raster order.</summary>
/// <param name="Box">Tight inclusive box of the component's pixels.</param>
/// <param name="PixelCount">Number of pixels in the component.</param>
/// <param name="FirstPixel">Raster index (<c>y * width + x</c>) of the component's first pixel in raster order.</param>
internal readonly record struct ComponentInfo(BoundingBox Box, int PixelCount, int FirstPixel);
