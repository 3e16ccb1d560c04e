using Xunit.Abstractions;

namespace HideAndSeek.Tests.Cli;

/// <summary>Runs the CLI's entry point in this process and captures what it prints.</summary>
public static class CliRunner
{
    private static readonly object Gate = new();

    /// <summary>Runs the CLI and writes the command line, what it printed and its exit code to the test's output.</summary>
    public static (int ExitCode, string Output, string Error) RunLogged(ITestOutputHelper log, params string[] args)
    {
        var result = Run(args);
        log.WriteLine($"$ {string.Join(' ', args)}\n{result.Output}{result.Error}(exit {result.ExitCode})");
        return result;
    }

    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        lock (Gate)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var (oldOut, oldError) = (Console.Out, Console.Error);
            Console.SetOut(output);
            Console.SetError(error);
            try
            {
                int code = HideAndSeek.Cli.Program.Main(args);
                return (code, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldError);
            }
        }
    }
}
