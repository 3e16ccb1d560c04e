namespace HideAndSeek.Networks;

/// <summary>
/// The network families of the Hide-and-Seek TensorFlow seed. Every one is a plain convolutional trunk whose last
/// convolution block gives the class activation map (CAM) features F, followed by global pooling and a linear
/// classifier without bias. All take 64x64 RGB pixels (0..255, as ML.NET's ExtractPixels produces) and subtract the
/// dataset mean pixel first (ResNet18: ImageNet's mean image, as its ONNX preprocessing does).
/// </summary>
public enum GapArchitecture
{
    /// <summary>
    /// AlexNet shrunk for 64x64 input: conv 5x5/2 (96), max-pool 3/2, conv 3x3 (256), max-pool 3/2, conv 3x3 (384, 384,
    /// 256, 512); global average pooling over an 8x8x512 feature map. The cheapest model and the default.
    /// </summary>
    SmallAlexNetGap = 0,

    /// <summary>
    /// AlexNet with an extra 3x3 (512) convolution and global average pooling; the 64x64 input is resized bilinearly
    /// to 227x227 inside the network, giving a 13x13x512 feature map (2x2 without the resize).
    /// </summary>
    AlexNetGap = 1,

    /// <summary>The <see cref="AlexNetGap"/> trunk with global max pooling instead of average pooling.</summary>
    AlexNetGmp = 2,

    /// <summary>
    /// <see cref="AlexNetGap"/> with pixel dropout during training (keep probability 0.5, whole pixels, all channels
    /// together) applied after the mean pixel is subtracted, so dropped pixels look like the mean colour.
    /// </summary>
    DropAlexNetGap = 3,

    /// <summary>
    /// <see cref="AlexNetGap"/> with pixel dropout during training applied before the mean pixel is subtracted, so
    /// dropped pixels are black.
    /// </summary>
    Drop2AlexNetGap = 4,

    /// <summary>
    /// GoogLeNet (stem and inception 3a to 4e, no auxiliary heads) with an extra 3x3 (1024) convolution and global
    /// average pooling; the input is resized to 224x224 inside the network, giving a 14x14x1024 feature map.
    /// </summary>
    GoogLeNetGap = 5,

    /// <summary>
    /// The seed's CustomnetGAP for 64x64 input: conv 3x3 (96), max-pool 2/2, fire modules 2 and 3, max-pool 2/2, fire
    /// 4 to 6, max-pool 2/2, fire 7 and a 3x3 (512) convolution; global average pooling over an 8x8x512 feature map.
    /// L2 on the classifier weights only, as in the seed.
    /// </summary>
    CustomNetGap = 6,

    /// <summary>
    /// <see cref="SmallAlexNetGap"/> with a 16x16 CAM: the first convolution SAME-padded (64 -> 32) and no second
    /// max-pool, so F is 16x16x512 (each cell 4 pixels apart) instead of 8x8. Same parameters, about 3.5 times the
    /// computation. Not one of the seed's networks: finer maps for small objects and for Hide-and-Seek.
    /// </summary>
    SmallAlexNetGap16 = 7,

    /// <summary>
    /// The ImageNet-trained residual network of ML.NET's <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package
    /// (nine basic blocks in stages of 64, 128, 256 and 512 channels) with global average pooling and a new classifier.
    /// Its weights are imported from the package's ONNX file when training starts, so the application must reference
    /// that package. The input is resized to 224x224 inside the network (configurable), giving a 7x7x512 feature map
    /// (14x14 with <see cref="GapClassifier.GapClassifierOptions.HighResolutionCam"/>).
    /// </summary>
    ResNet18 = 8,
}
