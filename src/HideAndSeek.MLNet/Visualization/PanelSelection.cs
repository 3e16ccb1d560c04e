namespace HideAndSeek.Visualization;

/// <summary>Which scored images <see cref="LocalizationVisualizer"/> draws.</summary>
public enum PanelSelection
{
    /// <summary>The first rows in data order.</summary>
    First = 0,

    /// <summary>The rows whose predicted box overlaps the ground-truth box best (highest IoU first; needs the box column).</summary>
    BestIoU = 1,

    /// <summary>The rows whose predicted box overlaps the ground-truth box worst (lowest IoU first; needs the box column).</summary>
    WorstIoU = 2,

    /// <summary>A uniform random sample of rows, drawn with <see cref="VisualizationOptions.Seed"/>, shown in data order.</summary>
    Random = 3,
}
