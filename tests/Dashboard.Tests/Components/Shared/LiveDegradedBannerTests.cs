using Dashboard.Components.Shared;
using Dashboard.Core.Live;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Shared;

/// <summary>The banner every page shows while live updates from the other instances are interrupted (ADR-011).</summary>
public class LiveDegradedBannerTests : ComponentTestBase
{
    private readonly LiveStatus _status = new();

    public LiveDegradedBannerTests() => Context.Services.AddSingleton(_status);

    [Fact]
    public void AppearsWhileRedisIsAwayAndClearsWhenItIsBackOnAnOpenPage()
    {
        var banner = Render<LiveDegradedBanner>();
        var shownAtFirst = banner.FindAll("[data-testid=live-degraded]").Count;

        _status.Set(degraded: true);
        banner.WaitForAssertion(() => Assert.Contains("interrupted", banner.Find("[data-testid=live-degraded]").TextContent));
        _status.Set(degraded: false);

        banner.WaitForAssertion(() => Assert.Empty(banner.FindAll("[data-testid=live-degraded]")));
        Assert.Equal(0, shownAtFirst);
    }
}
