namespace HideAndSeek.WebApp;

/// <summary>The bounds on a request, from configuration section "Limits" (defaults suit a 2-core machine).</summary>
internal sealed class ServingLimits
{
    /// <summary>Largest request body; Kestrel and the form reader both stop there (413).</summary>
    public long MaxBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Largest photo in megapixels (decoding 50 MP takes 150 MB and seconds).</summary>
    public double MaxMegapixels { get; set; } = 40;

    /// <summary>
    /// Whole-request time limit (upload, waiting for a prediction slot, scoring): a request still waiting for a slot
    /// gets 503; an upload still arriving has its connection closed (the client is not reading yet).
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Predictions run at once; more requests wait (within the timeout) rather than oversubscribe the CPUs.</summary>
    public int MaxConcurrentPredictions { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Overlays kept for GET /overlays/{id}.png, oldest dropped first.</summary>
    public int KeptOverlays { get; set; } = 32;
}
