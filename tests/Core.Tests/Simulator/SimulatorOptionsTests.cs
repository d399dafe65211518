using Dashboard.Core.Plivo;
using Dashboard.Core.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Simulator;

public class SimulatorOptionsTests
{
    [Theory]
    [InlineData(null, "", true)]
    [InlineData(null, "https://api.plivo.com", false)]
    [InlineData(false, "", false)]
    [InlineData(true, "https://api.plivo.com", true)]
    public void TheSimulatorRunsWhenNoRealPlivoIsConfiguredUnlessToldOtherwise(bool? enabled, string baseUrl, bool expected) =>
        Assert.Equal(expected, new SimulatorOptions { Enabled = enabled }.IsEnabled(new PlivoOptions { BaseUrl = baseUrl }));

    [Theory]
    [InlineData("OutageEvery", "00:00:01", "OutageEvery")]
    [InlineData("OutageLength", "nonsense", "OutageLength")]
    [InlineData("OutageLength", "00:30:00", "Simulator:OutageLength must be shorter than Simulator:OutageEvery")]
    [InlineData("OutageSendsPerMinute", "-1", "OutageSendsPerMinute")]
    public void BadOutageSettingsStopTheStartWithTheirName(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new($"Simulator:{key}", value)]).Build();
        using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddSimulator(configuration).BuildServiceProvider();

        var ex = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<SimulatorOptions>>().Value);

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
