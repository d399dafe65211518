using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Pages;

/// <summary>Every route renders (prerendered HTML through the real app) with nothing stored, and says so.</summary>
public class EmptyPageRenderTests(ReportsFactory app) : IClassFixture<ReportsFactory>
{
    [Theory]
    [InlineData("/", "No messages for today yet")]
    [InlineData("/messages", "No messages yet")]
    [InlineData("/messages?message_state=failed", "No messages match these filters")]
    [InlineData("/messages/2f0c1d8e-0000-4000-8000-000000000000", "No message with this UUID has been received or sent yet")]
    [InlineData("/errors", "No failed or undelivered messages for 2026-11-10 – 2026-11-16")]
    [InlineData("/errors?tab=speed", "No sent or delivered messages for 2026-11-10 – 2026-11-16 yet")]
    [InlineData("/costs", "No messages for 2026-11-01 – 2026-11-16 yet")]
    [InlineData("/incidents", "No open incidents")]
    public async Task RouteRendersItsEmptyState(string path, string emptyText)
    {
        var page = await PageHtml.GetAsync(app, path);

        Assert.Equal(emptyText, page.QuerySelector("[data-empty-title]")?.TextContent.Trim());
    }

    [Theory]
    [InlineData("/errors?from=0001-01-01&to=9999-12-31", "2026-11-10 – 2026-11-16")]
    [InlineData("/costs?from=2026-11-01&to=9999-12-31", "2026-11-01 – 2026-11-16")]
    [InlineData("/?from=2024-01-01&to=2026-11-16", "2026-11-16")]
    public async Task ReportPageRefusesAnOutOfBoundsRangeNextToThePickerAndShowsItsDefault(string path, string shown)
    {
        var page = await PageHtml.GetAsync(app, path);

        var error = page.QuerySelector("[data-range-error]")?.TextContent;
        Assert.NotNull(error);
        Assert.Contains("a report covers", error);
        Assert.Equal(shown, page.QuerySelector("[data-range]")!.GetAttribute("data-range"));
    }

    [Fact]
    public async Task MessageLogExplainsUnreadableFilters()
    {
        var page = await PageHtml.GetAsync(app, "/messages?message_state=lost");

        Assert.Contains("message_state: 'lost' is not one of", page.Body!.TextContent);
    }
}

/// <summary>Every route renders the seeded messages.</summary>
[Collection(SeededReportsCollection.Name)]
public class SeededPageRenderTests(SeededReports seeded)
{
    [Fact]
    public async Task OverviewShowsTheRangesTiles()
    {
        var page = await PageHtml.GetAsync(seeded.App, "/?from=2026-11-10&to=2026-11-16");

        Assert.Equal("10", Stat(page, "sent"));
        Assert.Equal("5", Stat(page, "delivered"));
        Assert.Equal("2", Stat(page, "undelivered"));
        Assert.Equal("2", Stat(page, "failed"));
        Assert.Equal("55.6 %", Stat(page, "delivery-rate"));
        Assert.Equal("2.5 s", Stat(page, "median-delivery"));
        Assert.Equal("$0.10", Stat(page, "spend"));
        Assert.Equal("1", Stat(page, "inbound"));
        Assert.Equal(["30", "900"], page.QuerySelectorAll("[data-widget=top-errors] li").Select(li => li.GetAttribute("data-code")));
        // G (2026-11-12) never got past "sent": silent, whatever range is shown, with a link to it in the log.
        Assert.Equal("1", page.QuerySelector("[data-silent]")?.GetAttribute("data-silent"));
        Assert.Equal("/messages?silent=true", page.QuerySelector("[data-silent-link]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task MessageLogPrerendersTheFiltersCountAndTheGridLoading()
    {
        var page = await PageHtml.GetAsync(seeded.App, "/messages?error_code=30");

        Assert.Equal("2", page.QuerySelector("[data-count]")!.GetAttribute("data-count"));
        Assert.NotNull(page.QuerySelector("[data-grid=messages]"));
        Assert.Null(page.QuerySelector("[data-no-rows]"));
        Assert.Equal("/api/messages.csv?error_code=30", page.QuerySelector("[data-export]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task MessageDetailShowsTimelineCostErrorAndCarrier()
    {
        var page = await PageHtml.GetAsync(seeded.App, $"/messages/{seeded.Uuids["C"]}");

        Assert.Equal(["queued", "sent", "undelivered"], page.QuerySelectorAll("[data-milestone]").Select(m => m.GetAttribute("data-milestone")));
        Assert.Equal("0.00650", page.QuerySelector("[data-fact=amount]")!.TextContent.Trim());
        Assert.Contains("AT&T", page.QuerySelector("[data-fact=carrier]")!.TextContent);
        Assert.Contains("Spam detected", page.QuerySelector("[data-section=error]")!.TextContent);
        Assert.Equal(3, page.QuerySelectorAll("[data-event]").Length);
    }

    [Fact]
    public async Task WhatsAppDetailShowsItsConversation()
    {
        var page = await PageHtml.GetAsync(seeded.App, $"/messages/{seeded.Uuids["F"]}");

        Assert.Contains("conv-F", page.QuerySelector("[data-section=whatsapp]")!.TextContent);
        Assert.Equal(["queued", "sent", "delivered", "read"], page.QuerySelectorAll("[data-milestone]").Select(m => m.GetAttribute("data-milestone")));
    }

    [Fact]
    public async Task ErrorsPageLinksEachBucketToTheFilteredLog()
    {
        var page = await PageHtml.GetAsync(seeded.App, "/errors?from=2026-11-10&to=2026-11-15");

        var carrierLinks = page.QuerySelectorAll("[data-breakdown=carrier] a[data-state]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/messages?mcc=310&mnc=410&message_state=undelivered&message_time__gte=2026-11-10&message_time__lt=2026-11-16", carrierLinks);
        Assert.Equal(
            "/messages?error_code=900&message_state=failed&message_time__gte=2026-11-10&message_time__lt=2026-11-16",
            page.QuerySelector("[data-breakdown=error-code] [data-key='900']")!.Closest("tr")!.QuerySelector("a[data-state]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task SpeedTabShowsPercentiles()
    {
        var page = await PageHtml.GetAsync(seeded.App, "/errors?from=2026-11-10&to=2026-11-15&tab=speed");

        Assert.Equal("2.5 s", Stat(page, "delivered-p50"));
        Assert.Equal("4 s", Stat(page, "sent-p95"));
        Assert.Equal("8 s", Stat(page, "delivered-p99"));
        Assert.Equal("3.2 s", page.QuerySelector("[data-breakdown=speed-carrier] [data-key='310/410']")!.Closest("tr")!.QuerySelector("[data-p=delivered50]")!.TextContent);
    }

    [Fact]
    public async Task SpeedChartHasEachDaysPercentilesAsATable()
    {
        var page = await PageHtml.GetAsync(seeded.App, "/errors?from=2026-11-10&to=2026-11-15&tab=speed");

        var table = page.QuerySelector("[data-chart=speed-over-time] table[data-chart-table]")!;
        Assert.Equal(["Day (UTC)", "To sent · p50", "To sent · p95", "To delivered · p50", "To delivered · p95"], table.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Equal(
            [["Tue 10 Nov 2026", "1 s", "2 s", "3.2 s", "8 s"], ["Wed 11 Nov 2026", "—", "—", "—", "—"], ["Thu 12 Nov 2026", "500 ms", "3.2 s", "2.5 s", "2.5 s"]],
            table.QuerySelectorAll("tbody tr").Take(3).Select(tr => tr.Children.Select(c => c.TextContent).ToArray()));
    }

    [Fact]
    public async Task CostsPageShowsTotalsAndTheCsvLink()
    {
        var page = await PageHtml.GetAsync(seeded.App, "/costs?from=2026-11-10&to=2026-11-15&group=week");

        Assert.Equal("$0.10", Stat(page, "total"));
        Assert.Equal("$0.20", Stat(page, "projection"));
        Assert.Equal("/api/reports/costs.csv?from=2026-11-10&to=2026-11-15&group=week", page.QuerySelector("[data-export]")!.GetAttribute("href"));
        Assert.Equal(["0.05300", "0.02800", "0.02000"], page.QuerySelectorAll("[data-breakdown=type] [data-amount]").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task ErrorsChartHasItsNumbersAsATable()
    {
        var page = await PageHtml.GetAsync(seeded.App, "/errors?from=2026-11-10&to=2026-11-15");

        var table = page.QuerySelector("[data-chart=errors-over-time] table[data-chart-table]")!;
        Assert.Equal(["Day (UTC)", "30 · Spam detected", "900 · Insufficient credit"], table.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Equal(
            [["Tue 10 Nov 2026", "1", "1"], ["Sun 15 Nov 2026", "1", "1"]],
            table.QuerySelectorAll("tbody tr").Select(tr => tr.Children.Select(c => c.TextContent).ToArray()).Where(r => r[1] != "0" || r[2] != "0"));
    }

    [Fact]
    public async Task CostsChartHasSpendPerDayByTypeAsATable()
    {
        var page = await PageHtml.GetAsync(seeded.App, "/costs?from=2026-11-10&to=2026-11-15");

        var rows = page.QuerySelectorAll("[data-chart=spend] table[data-chart-table] tbody tr").Select(tr => tr.Children.Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(6, rows.Count);
        Assert.Equal(["Tue 10 Nov 2026", "$0.03", "$0.00", "$0.00"], rows[0]);
        Assert.Equal(["Thu 12 Nov 2026", "$0.00", "$0.02", "$0.03"], rows[2]);
    }

    private static string? Stat(IDocument page, string key) => page.QuerySelector($"[data-stat={key}] [data-value]")?.TextContent.Trim();
}

internal static class PageHtml
{
    public static async Task<IDocument> GetAsync(DashboardFactory app, string path)
    {
        using var response = await app.CreateClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}\n{html}");
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
    }
}

/// <summary>The same on PostgreSQL.</summary>
[Collection(PostgreSqlSeededReportsCollection.Name)]
public sealed class PostgreSqlSeededPageRenderTests(PostgreSqlSeededReports seeded) : SeededPageRenderTests(seeded);
