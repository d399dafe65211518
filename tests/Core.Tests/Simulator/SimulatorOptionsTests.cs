using Dashboard.Core.Plivo;
using Dashboard.Core.Simulator;

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
}
