using static TorchSharp.torch;

namespace HideAndSeek.Networks;

/// <summary>The in-network resize of the AlexNet and GoogLeNet families.</summary>
internal static class Resize
{
    /// <summary>
    /// Bilinear resize of NCHW images to side x side with half-pixel centres (align_corners = false, no antialiasing).
    /// TensorFlow 1's resize_images, which the seed called, mapped output pixel i to input i * in / out instead (no
    /// half-pixel offset), shifting the picture by up to a pixel towards the top-left; the centred mapping keeps the
    /// resized picture aligned with the input pixels, onto which the CAM is mapped back.
    /// </summary>
    public static Tensor Bilinear(Tensor x, int side) =>
        nn.functional.interpolate(x, new long[] { side, side }, mode: InterpolationMode.Bilinear, align_corners: false);
}
