namespace HideAndSeek.ModelFormat;

/// <summary>
/// In which order a surrogate chain builds the declared columns before copying them to the user's names (in
/// declaration order). Saved chains list their stages, so a component keeps the order its first format wrote.
/// </summary>
internal enum ChainStageOrder
{
    /// <summary>Each column's stages in declaration order (the localiser).</summary>
    Declared,

    /// <summary>Every packed slice first, then the other columns (the classifier).</summary>
    PackedFirst,
}
