namespace HideAndSeek.Cli.Workflow;

/// <summary>A problem with the user's input: reported as one line with exit code 2, no stack trace.</summary>
internal sealed class UserError : Exception
{
    public UserError(string message, Exception? inner = null) : base(message, inner) { }
}
