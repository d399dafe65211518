using Dashboard.Core.Plivo;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Plivo;

public class PlivoAddressesTests
{
    [Theory]
    [InlineData("http://127.0.0.1:41234", "http://127.0.0.1:41234/")]
    [InlineData("https://localhost:5001;http://0.0.0.0:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://[::]:8080", "http://[::1]:8080/")]
    [InlineData("http://+:80", "http://localhost/")]
    [InlineData("https://*:8443", "https://localhost:8443/")]
    public void OwnAddressIsOneWeCanCallOnLoopback(string listening, string expected)
    {
        var chosen = PlivoAddresses.PickLoopbackReachable(listening.Split(';'));

        Assert.Equal(expected, chosen.ToString());
    }

    [Fact]
    public void RealPlivoWhenABaseUrlIsConfigured()
    {
        var addresses = Addresses(baseUrl: "https://api.plivo.com", publicBase: "https://ops.example.com/dashboard");

        Assert.False(addresses.UsesSimulator);
        Assert.Equal("https://api.plivo.com/", addresses.ApiBase.ToString());
        Assert.Equal("https://ops.example.com/dashboard/plivo/status", addresses.StatusCallbackUrl.ToString());
        Assert.Equal("https://ops.example.com/dashboard/plivo/inbound", addresses.InboundUrl.ToString());
    }

    [Fact]
    public void TheSimulatorUnderSimWhenNoBaseUrlIsConfigured()
    {
        var addresses = Addresses(baseUrl: "", publicBase: "https://ops.example.com/");

        Assert.True(addresses.UsesSimulator);
        Assert.Equal("https://ops.example.com/sim/", addresses.ApiBase.ToString());
        Assert.Equal("https://ops.example.com/sim/media/", addresses.SimulatorMediaBase.ToString());
    }

    [Fact]
    public void WithoutAServerOrAPublicBaseUrlTheAddressIsUnknown()
    {
        var addresses = Addresses(baseUrl: "", publicBase: "");

        var ex = Assert.Throws<InvalidOperationException>(() => addresses.StatusCallbackUrl);

        Assert.Contains("PublicBaseUrl", ex.Message);
    }

    private static PlivoAddresses Addresses(string baseUrl, string publicBase) => new(
        new FixedOptionsMonitor<PlivoOptions>(new PlivoOptions { BaseUrl = baseUrl }),
        new FixedOptionsMonitor<PublicUrlOptions>(new PublicUrlOptions { PublicBaseUrl = publicBase }),
        new NoServices());

    private sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
