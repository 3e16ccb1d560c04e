using HideAndSeek.Visualization;

namespace HideAndSeek.Cli.Workflow;

/// <summary>The test command's pictures: panels of image, heatmap, overlay and boxes, with an index page.</summary>
internal static class Pictures
{
    public static string Write(EvaluationRun.Outcome outcome, TestSettings settings)
    {
        var folder = Path.Combine(Path.GetDirectoryName(outcome.Info["model"])!, settings.MultiCrop ? "vis-multicrop" : "vis");
        // The seed shows well-localised examples; a page of the best and worst is more honest.
        int half = Math.Max(1, settings.VisCount / 2);
        LocalizationVisualizer.WritePanels(outcome.Scored, Path.Combine(folder, "best"),
            new VisualizationOptions { Count = half, Selection = PanelSelection.BestIoU }, outcome.Metrics);
        LocalizationVisualizer.WritePanels(outcome.Scored, Path.Combine(folder, "worst"),
            new VisualizationOptions { Count = half, Selection = PanelSelection.WorstIoU }, outcome.Metrics);
        LocalizationVisualizer.WritePanels(outcome.Scored, folder,
            new VisualizationOptions { Count = settings.VisCount, Selection = PanelSelection.Random, Seed = settings.Seed }, outcome.Metrics);
        return folder;
    }
}
