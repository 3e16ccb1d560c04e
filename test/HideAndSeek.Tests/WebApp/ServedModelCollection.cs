namespace HideAndSeek.Tests.WebApp;

/// <summary>
/// The web service's tests share one trained model zip and run one after another, alone: the load test measures the
/// process's resident memory, which tests running beside it would move (CI once saw +113 MiB from them).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServedModelCollection : ICollectionFixture<ServedModelFixture>
{
    public const string Name = "Served model";
}
