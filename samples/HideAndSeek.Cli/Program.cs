using HideAndSeek.Cli.Commands;
using HideAndSeek.Cli.Workflow;
using HideAndSeek.Torch;
using System.CommandLine;
using System.Runtime.InteropServices;

namespace HideAndSeek.Cli;

/// <summary>
/// hideandseek: the seed project's workflow (gen-data, train, test) plus hide-preview, report and a demo. Errors in the
/// user's input end with one line and exit code 2 (a stack trace with --verbose); Ctrl+C or SIGTERM during training
/// stops after the current step and saves a checkpoint of it to resume from (exit code 130, or 143 for SIGTERM).
/// </summary>
internal static class Program
{
    private static readonly CancellationTokenSource Interrupt = new();
    private static volatile bool _terminated;

    public static int Main(string[] args)
    {
        using var terminate = HandleStopSignals();
        var root = new RootCommand("Hide-and-Seek weakly-supervised object localisation (ML.NET + TorchSharp).")
        {
            GenerateDataCommand.Create(),
            TrainCommand.Create(() => Interrupt.Token),
            TestCommand.Create(() => Interrupt.Token),
            PredictCommand.Create(() => Interrupt.Token),
            HidePreviewCommand.Create(),
            ReportCommand.Create(),
            DemoCommand.Create(() => Interrupt.Token),
            CliOptions.Verbose,
        };
        DemoCommand.AttachTo(root, () => Interrupt.Token);

        var parse = root.Parse(args);
        bool verbose = parse.GetValue(CliOptions.Verbose);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"error: {parse.Errors[0].Message} (see --help)");
            return 2;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (Exception wrapped)
        {
            return Report(wrapped, verbose);
        }
    }

    /// <summary>
    /// Ctrl+C and SIGTERM cancel <see cref="Interrupt"/>: training stops after the current step and saves it. Dispose
    /// the result to unregister the SIGTERM handler.
    /// </summary>
    private static IDisposable HandleStopSignals()
    {
        Console.CancelKeyPress += (_, e) =>
        {
            // First Ctrl+C: stop cleanly after the current step; a second one ends the process.
            if (!Interrupt.IsCancellationRequested)
            {
                e.Cancel = true;
                Interrupt.Cancel();
                Console.Error.WriteLine("stopping after the current step... (Ctrl+C again to abort)");
            }
        };
        // SIGTERM (a scheduler, docker stop, kill): like Ctrl+C, finish the step, save it, then exit non-zero so the run
        // is not mistaken for a finished one.
        return PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            _terminated = true;
            if (!Interrupt.IsCancellationRequested)
            {
                Interrupt.Cancel();
                Console.Error.WriteLine("SIGTERM: stopping after the current step and saving it...");
            }
        });
    }

    /// <summary>One line on stderr for a command that failed, and the exit code that says how.</summary>
    private static int Report(Exception wrapped, bool verbose)
    {
        var e = Unwrap(wrapped);
        if (Interrupt.IsCancellationRequested && e is OperationCanceledException)
        {
            // ML.NET's worker threads may wrap the cancellation; what was stopped decides the message.
            Console.Error.WriteLine(e switch
            {
                HideAndSeek.GapClassifier.TrainingInterruptedException stopped =>
                    $"interrupted: {stopped.Message.Replace("GapClassifier: ", "", StringComparison.Ordinal)} Run the same command to resume.",
                ProgressDataView.PassStoppedException stopped => $"interrupted: {stopped.Message}",
                _ => "interrupted: the newest checkpoint is kept; run the same command to resume",
            });
            return _terminated ? 143 : 130; // 128 + the signal number, as shells report it
        }
        Console.Error.WriteLine($"error: {e.Message}");
        if (IsUserError(e))
        {
            if (verbose)
                Console.Error.WriteLine(e);
            return 2;
        }
        Console.Error.WriteLine(verbose ? wrapped.ToString() : "(run with --verbose for details)");
        return 1;
    }

    /// <summary>
    /// ML.NET's parallel cursors and reflection wrap the exception that says what went wrong ("Splitter/consolidator
    /// worker encountered exception..."): report the innermost one that has its own message.
    /// </summary>
    private static Exception Unwrap(Exception e)
    {
        while (e.InnerException is { } inner
               && (e is System.Reflection.TargetInvocationException or AggregateException
                   || e.Message.StartsWith("Splitter/consolidator", StringComparison.Ordinal)
                   || (e is InvalidOperationException && e.InnerException is OperationCanceledException)))
        {
            e = inner;
        }

        return e;
    }

    /// <summary>Problems with the input or the environment that a message explains: no stack trace needed.</summary>
    private static bool IsUserError(Exception e) =>
        e is UserError or ArgumentException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException
            or UnauthorizedAccessException or TorchRuntimeException or NotSupportedException
        || (e is InvalidOperationException && e.Message.Contains(':', StringComparison.Ordinal));
}
