using System.CommandLine;
using HideAndSeek.Cli.Workflow;

namespace HideAndSeek.Cli.Commands;

/// <summary>hide-preview: a PNG grid of images and their hidden versions.</summary>
internal static class HidePreviewCommand
{
    public static Command Create()
    {
        var dataset = CliOptions.Dataset();
        var command = new Command("hide-preview", "Write a grid PNG of training images and their hidden versions.") { dataset };
        command.SetAction(parse => Unavailable());
        return command;
    }

    private static int Unavailable() => throw new UserError("hide-preview is not available in this build");
}
