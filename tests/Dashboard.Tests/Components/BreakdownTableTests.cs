using Dashboard.Components.Pages.Costs;
using Dashboard.Components.Pages.Errors;
using Dashboard.Core.Messages;
using Dashboard.Core.Reports;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

public class BreakdownTableTests : ComponentTestBase
{
    private static readonly DayRange Range = new(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 15));

    [Fact]
    public void ErrorBreakdownLinksEachCountToTheMessagesItCounts()
    {
        IReadOnlyList<ErrorBucket> rows =
        [
            new("310/410", "AT&T", "United States", Failed: 0, Undelivered: 3, Outbound: 12, new MessageFilter { Mcc = "310", Mnc = "410" }),
            new("", "No carrier reported", null, Failed: 1, Undelivered: 0, Outbound: 1, LogFilter: null),
        ];

        var page = Render<ErrorBreakdownTable>(p => p
            .Add(t => t.Name, "carrier")
            .Add(t => t.Title, "By carrier")
            .Add(t => t.Rows, rows)
            .Add(t => t.Range, Range)
            .Add(t => t.TotalErrors, 4L));

        var att = page.Find("[data-key='310/410']").Closest("tr")!;
        Assert.Equal(
            "/messages?mcc=310&mnc=410&message_state=undelivered&message_time__gte=2026-11-10&message_time__lt=2026-11-16",
            att.QuerySelector("a[data-state=undelivered]")!.GetAttribute("href"));
        Assert.Null(att.QuerySelector("a[data-state=failed]"));
        Assert.Equal("75.0 %", att.QuerySelector("[data-share]")!.TextContent);
        Assert.Equal("25.0 %", att.QuerySelector("[data-rate]")!.TextContent);
        var none = page.Find("[data-key='']").Closest("tr")!;
        Assert.Empty(none.QuerySelectorAll("a"));
        Assert.Contains("No carrier reported", none.TextContent);
    }

    [Fact]
    public void ErrorCodeBreakdownShowsPlivosNameAndMeaningWithoutRate()
    {
        var code = PlivoErrorCodes.Describe("30");
        IReadOnlyList<ErrorBucket> rows = [new("30", code.Name, code.Meaning, 0, 2, 0, new MessageFilter { ErrorCode = "30" }) { Code = code }];

        var page = Render<ErrorBreakdownTable>(p => p
            .Add(t => t.Name, "error-code")
            .Add(t => t.Title, "By error code")
            .Add(t => t.Rows, rows)
            .Add(t => t.Range, Range)
            .Add(t => t.TotalErrors, 2L)
            .Add(t => t.ShowRate, false));

        var row = page.Find("[data-key='30']")!;
        Assert.Contains("Spam detected", row.TextContent);
        Assert.Contains("spam filter", row.TextContent);
        Assert.Empty(page.FindAll("[data-rate]"));
        Assert.Equal("/messages?error_code=30&message_state=undelivered&message_time__gte=2026-11-10&message_time__lt=2026-11-16",
            page.Find("a[data-state]").GetAttribute("href"));
    }

    [Fact]
    public async Task ABreakdownSortsByTheColumnClicked()
    {
        IReadOnlyList<ErrorBucket> rows =
        [
            new("US", "United States", "US", Failed: 1, Undelivered: 5, Outbound: 40, null),
            new("DE", "Germany", "DE", Failed: 3, Undelivered: 0, Outbound: 4, null),
            new("GB", "United Kingdom", "GB", Failed: 2, Undelivered: 1, Outbound: 30, null),
        ];
        var page = Render<ErrorBreakdownTable>(p => p
            .Add(t => t.Name, "country")
            .Add(t => t.Title, "By country")
            .Add(t => t.KeyTitle, "Country")
            .Add(t => t.Rows, rows)
            .Add(t => t.Range, Range)
            .Add(t => t.TotalErrors, 12L));
        string[] Order() => [.. page.FindAll("tbody [data-key]").Select(k => k.GetAttribute("data-key") ?? "")];

        var initial = Order();
        await page.FindAll("thead th").Single(th => th.TextContent.Contains("Failed")).QuerySelector("span")!.ClickAsync(new());
        var byFailed = Order();
        await page.FindAll("thead th").Single(th => th.TextContent.Contains("Error rate")).QuerySelector("span")!.ClickAsync(new());
        var byRate = Order();

        Assert.Equal(["US", "DE", "GB"], initial);
        Assert.Equal(["US", "GB", "DE"], byFailed);
        Assert.Equal(["GB", "US", "DE"], byRate);
    }

    [Fact]
    public void EmptyErrorBreakdownSaysThereIsNothing()
    {
        var page = Render<ErrorBreakdownTable>(p => p
            .Add(t => t.Name, "type")
            .Add(t => t.Title, "By type")
            .Add(t => t.Rows, Array.Empty<ErrorBucket>())
            .Add(t => t.Range, Range));

        Assert.Equal("No failed or undelivered messages in this range", page.Find("[data-empty-title]").TextContent.Trim());
        Assert.Empty(page.FindAll("table"));
    }

    [Fact]
    public void CostBreakdownShowsExactAmountsUnitsAndShares()
    {
        IReadOnlyList<CostRow> rows = [new("sms", "SMS", 7, 10, 5_300), new("mms", "MMS", 1, 1, 2_000)];

        var page = Render<CostBreakdownTable>(p => p
            .Add(t => t.Name, "type")
            .Add(t => t.Title, "By type")
            .Add(t => t.Rows, rows)
            .Add(t => t.TotalAmount, 10_100L));

        Assert.Equal(["0.05300", "0.02000"], page.FindAll("[data-amount]").Select(a => a.TextContent));
        Assert.Equal(["10", "1"], page.FindAll("[data-units]").Select(a => a.TextContent));
        Assert.Equal(["7", "1"], page.FindAll("[data-messages]").Select(a => a.TextContent));
        Assert.Equal(["52.5 %", "19.8 %"], page.FindAll("[data-share]").Select(a => a.TextContent));
    }

    [Fact]
    public void EmptyCostBreakdownUsesItsOwnWords()
    {
        var page = Render<CostBreakdownTable>(p => p
            .Add(t => t.Name, "origin")
            .Add(t => t.Title, "WhatsApp")
            .Add(t => t.Rows, Array.Empty<CostRow>())
            .Add(t => t.EmptyText, "No WhatsApp messages in this range"));

        Assert.Equal("No WhatsApp messages in this range", page.Find("[data-empty-title]").TextContent.Trim());
    }
}
