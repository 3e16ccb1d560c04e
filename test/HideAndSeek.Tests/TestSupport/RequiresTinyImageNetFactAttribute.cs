namespace HideAndSeek.Tests.TestSupport;

/// <summary>A fact that is skipped, with the reason, when the shared Tiny ImageNet sample is absent.</summary>
public sealed class RequiresTinyImageNetFactAttribute : FactAttribute
{
    public RequiresTinyImageNetFactAttribute()
    {
        if (TinyImageNetLocation.Root is null)
            Skip = TinyImageNetLocation.SkipReason;
    }
}
