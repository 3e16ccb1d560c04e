namespace HideAndSeek.Tests.Networks;

/// <summary>
/// Tests that touch torch's process-wide state (torch.manual_seed's generator, the intra-op thread count) or that need
/// bit-identical convolutions (no other torch work competing for the intra-op threads) run in this collection, alone,
/// so no other test draws from the generator, runs with their settings or shares their threads.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class TorchProcessStateCollection
{
    public const string Name = "torch process-wide state";
}
