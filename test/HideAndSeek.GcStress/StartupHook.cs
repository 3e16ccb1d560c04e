using System.Globalization;

/// <summary>
/// The startup hook (<c>DOTNET_STARTUP_HOOKS</c>): the runtime requires a type named <c>StartupHook</c> outside any
/// namespace with a static <c>Initialize</c>. Starts one background thread that runs full blocking collections and
/// waits for finalizers, back to back or with a pause of <c>HIDEANDSEEK_GC_STRESS_INTERVAL_MS</c> milliseconds.
/// </summary>
public static class StartupHook
{
    /// <summary>The environment variable with the pause between collections, in milliseconds (default 0).</summary>
    public const string IntervalVariable = "HIDEANDSEEK_GC_STRESS_INTERVAL_MS";

    /// <summary>
    /// The <see cref="AppContext"/> data name under which the hook publishes itself, so that a process can check it
    /// really runs under stress (a test that passes because the hook was never loaded proves nothing).
    /// </summary>
    public const string ActiveDataName = "HideAndSeek.GcStress.IntervalMs";

    private static long _collections;

    /// <summary>Full collections the stress thread has finished so far.</summary>
    public static long Collections => Interlocked.Read(ref _collections);

    /// <summary>Called by the runtime before the application's Main.</summary>
    public static void Initialize()
    {
        int interval = ReadInterval();
        AppContext.SetData(ActiveDataName, interval.ToString(CultureInfo.InvariantCulture));
        var thread = new Thread(() => Run(interval)) { IsBackground = true, Name = "gc-stress" };
        thread.Start();
        Console.Error.WriteLine($"gc-stress: forcing full collections and finalizers every {interval} ms");
    }

    private static void Run(int interval)
    {
        while (true)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
            Interlocked.Increment(ref _collections);
            if (interval > 0)
                Thread.Sleep(interval);
        }
    }

    private static int ReadInterval()
    {
        string? text = Environment.GetEnvironmentVariable(IntervalVariable);
        if (string.IsNullOrWhiteSpace(text))
            return 0;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 0)
            throw new InvalidOperationException($"{IntervalVariable} must be a whole number of milliseconds >= 0, not '{text}'");
        return value;
    }
}
