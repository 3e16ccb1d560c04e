namespace HideAndSeek.Cli.Workflow;

/// <summary>Where the test command's pictures go.</summary>
internal static class Pictures
{
    public static string Write(EvaluationRun.Outcome outcome, TestSettings settings)
    {
        var folder = Path.Combine(Path.GetDirectoryName(outcome.Info["model"])!, settings.MultiCrop ? "vis-multicrop" : "vis");
        throw new UserError($"--do-vis is not available in this build ({folder})");
    }
}
