using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Plivo;

/// <summary>
/// The addresses the Plivo conversation needs: where the Message API is (the real Plivo, or this app's own
/// simulator under <c>/sim</c>) and where Plivo calls us back (<c>/plivo/status</c>, <c>/plivo/inbound</c>).
/// The app's own address is read from the server at first use, so it works with a port chosen at start-up.
/// </summary>
public sealed class PlivoAddresses(
    IOptionsMonitor<PlivoOptions> plivo,
    IOptionsMonitor<PublicUrlOptions> app,
    IServiceProvider services)
{
    public const string SimulatorPathBase = "/sim";

    private Uri? _ownAddress;

    /// <summary>True when <c>Plivo:BaseUrl</c> is empty: the Message API is this app's embedded simulator.</summary>
    public bool UsesSimulator => string.IsNullOrWhiteSpace(plivo.CurrentValue.BaseUrl);

    /// <summary>The Message API's base, ending in "/": <c>https://api.plivo.com/</c> or <c>{this app}/sim/</c>.</summary>
    public Uri ApiBase => UsesSimulator
        ? new Uri(PublicBase, SimulatorPathBase.TrimStart('/') + "/")
        : WithSlash(plivo.CurrentValue.BaseUrl);

    /// <summary>The app as Plivo reaches it, ending in "/": <c>PublicBaseUrl</c>, else the address it listens on.</summary>
    public Uri PublicBase => string.IsNullOrWhiteSpace(app.CurrentValue.PublicBaseUrl)
        ? OwnAddress()
        : WithSlash(app.CurrentValue.PublicBaseUrl);

    /// <summary>Where Plivo posts delivery-status callbacks.</summary>
    public Uri StatusCallbackUrl => new(PublicBase, "plivo/status");

    /// <summary>Where Plivo posts inbound messages (the Application's <c>message_url</c>).</summary>
    public Uri InboundUrl => new(PublicBase, "plivo/inbound");

    /// <summary>Where this app's simulator serves the media of the inbound MMS it makes up.</summary>
    public Uri SimulatorMediaBase => new(PublicBase, SimulatorPathBase.TrimStart('/') + "/media/");

    private Uri OwnAddress()
    {
        if (_ownAddress is { } known)
        {
            return known;
        }

        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            throw new InvalidOperationException(
                "This app's own address is not known (the server has not started, or has no addresses). Set PublicBaseUrl.");
        }

        _ownAddress = PickLoopbackReachable(addresses);
        return _ownAddress;
    }

    /// <summary>
    /// Picks the address to call ourselves on: plain HTTP before HTTPS (no certificate to trust), and a wildcard
    /// binding (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>, <c>*</c>) turned into the matching loopback address.
    /// </summary>
    internal static Uri PickLoopbackReachable(IEnumerable<string> addresses)
    {
        var parsed = addresses.Select(BindingAddress.Parse).ToList();
        var chosen = parsed.FirstOrDefault(a => a.Scheme == "http") ?? parsed[0];
        var host = chosen.Host switch
        {
            "0.0.0.0" => "127.0.0.1",
            "[::]" or "::" => "[::1]",
            "+" or "*" or "" => "localhost",
            var h => h,
        };
        return new Uri($"{chosen.Scheme}://{host}:{chosen.Port}{chosen.PathBase.TrimEnd('/')}/");
    }

    private static Uri WithSlash(string url) => new(url.Trim().TrimEnd('/') + "/");
}
