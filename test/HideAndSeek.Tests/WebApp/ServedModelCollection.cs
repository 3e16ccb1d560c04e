namespace HideAndSeek.Tests.WebApp;

/// <summary>The web service's tests share one trained model zip (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class ServedModelCollection : ICollectionFixture<ServedModelFixture>
{
    public const string Name = "Served model";
}
