namespace HideAndSeek.CamLocalization;

/// <summary>Which class's activation map the localiser turns into the heatmap and box.</summary>
public enum CamClassSelection
{
    /// <summary>The top-1 predicted class (what a user without labels gets; Top-1 localisation).</summary>
    PredictedTop1 = 0,

    /// <summary>
    /// The ground-truth class from the label column (the GT-known protocol). Rows without a label fall back to the
    /// predicted class.
    /// </summary>
    GroundTruth = 1,
}
