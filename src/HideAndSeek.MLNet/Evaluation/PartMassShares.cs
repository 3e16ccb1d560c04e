namespace HideAndSeek.Evaluation;

/// <summary>
/// Where the ground-truth class's heatmap puts its mass, averaged over the images with a part box (shares in [0, 1];
/// the three mass shares add up to 1). Compare each mass share with the matching area share: a heatmap spread evenly
/// over the image would give mass equal to area.
/// </summary>
/// <param name="Images">Images with a part box that went into the averages.</param>
/// <param name="InPart">Share of the heatmap's mass inside the part boxes.</param>
/// <param name="InObjectOutsidePart">Share inside the object (its mask, else its boxes) but outside the part boxes.</param>
/// <param name="OutsideObject">Share outside the object.</param>
/// <param name="PartArea">Share of the image inside the part boxes.</param>
/// <param name="ObjectOutsidePartArea">Share of the image inside the object but outside the part boxes.</param>
public sealed record PartMassShares(long Images, double InPart, double InObjectOutsidePart, double OutsideObject, double PartArea,
    double ObjectOutsidePartArea);
