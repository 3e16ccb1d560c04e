using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using System.Net;

namespace HideAndSeek.Tests.WebApp;

/// <summary>samples/WebApp over a model zip, in this process: in memory, or on a free 127.0.0.1 port with Kestrel.</summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>
{
    private readonly string _modelPath;
    private readonly bool _kestrel;
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="modelPath">The model zip.</param>
    /// <param name="kestrel">Serve on 127.0.0.1 rather than in memory.</param>
    /// <param name="settings">More configuration, e.g. "Limits:MaxBodyBytes".</param>
    public ServiceFactory(string modelPath, bool kestrel = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        _modelPath = modelPath;
        _kestrel = kestrel;
        _settings = settings ?? new Dictionary<string, string>();
        if (kestrel)
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The Kestrel address (http://127.0.0.1:port/); starts the server.</summary>
    public Uri Address
    {
        get
        {
            if (!_kestrel)
                throw new InvalidOperationException("an in-memory service has no address");
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First().TrimEnd('/') + "/");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // As deployed: no developer exception page, so a 500 would show what a user sees.
        builder.UseEnvironment("Production");
        builder.UseSetting("Model", _modelPath);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
    }
}
