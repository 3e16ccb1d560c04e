namespace HideAndSeek.Networks;

/// <summary>How a network reduces its feature map F [B, C, h, w] to one vector [B, C] per image.</summary>
internal enum GlobalPooling
{
    /// <summary>Global average pooling (GAP): the mean over all positions.</summary>
    Average = 0,

    /// <summary>Global max pooling (GMP): the largest value over all positions.</summary>
    Max = 1,
}
