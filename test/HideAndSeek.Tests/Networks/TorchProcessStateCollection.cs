namespace HideAndSeek.Tests.Networks;

/// <summary>
/// Tests that touch torch's process-wide state (torch.manual_seed's generator, the intra-op thread count) run in this
/// collection, alone, so no other test draws from the generator or runs with their settings.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class TorchProcessStateCollection
{
    public const string Name = "torch process-wide state";
}
