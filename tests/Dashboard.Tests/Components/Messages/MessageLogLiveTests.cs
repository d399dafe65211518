using System.Globalization;
using System.Net;
using Dashboard.Components.Pages.Messages;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Messages;

/// <summary>
/// The message log's first page, live, on a database of its own: new messages are patched in where their time puts
/// them (read by their UUIDs, not the whole page again), the page keeps its size, and what the filter excludes stays out.
/// </summary>
public sealed class MessageLogLiveTests : ComponentTestBase, IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _app;

    public MessageLogLiveTests(DashboardFactory app)
    {
        _app = app;
        UseAppServices(app.Services);
    }

    [Fact]
    public async Task NewMessagesGoWhereTheirTimePutsThemAndThePageKeepsItsSize()
    {
        var first = await SentAsync(MessagesPage.PageSize, minute: 10);
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/messages?message_direction=outbound");
        var page = Render<MessagesPage>();
        page.WaitForAssertion(() => Assert.Equal(MessagesPage.PageSize, Rows(page).Count));
        Assert.Equal(first[^1], Rows(page)[0]);
        Assert.True(page.Find("[data-older]").HasAttribute("disabled"));

        // Newer than every row, older than every row (the next page's), and inbound (not this filter's).
        var newest = (await SentAsync(1, minute: 30))[0];
        var oldest = (await SentAsync(1, minute: 5))[0];
        using var inbound = await _app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(Callbacks.NewUuid(), "hello"));

        page.WaitForAssertion(() => Assert.Equal(newest, Rows(page)[0]), TimeSpan.FromSeconds(10));
        var rows = Rows(page);
        Assert.Equal([newest, .. first.AsEnumerable().Reverse().Take(MessagesPage.PageSize - 1)], rows);
        Assert.DoesNotContain(oldest, rows);
        Assert.Equal(HttpStatusCode.OK, inbound.StatusCode);
        Assert.False(page.Find("[data-older]").HasAttribute("disabled"));
        page.WaitForAssertion(() => Assert.Equal("52", page.Find("[data-count]").GetAttribute("data-count")));
    }

    [Fact]
    public async Task ASearchBeingTypedSurvivesTheLiveBatchesThatRenderThePageAgain()
    {
        var first = await SentAsync(3, minute: 40);
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/messages?message_direction=outbound");
        var page = Render<MessagesPage>();
        page.WaitForAssertion(() => Assert.Contains(first[^1], Rows(page)));

        // Typed, not applied yet: then a callback arrives and its batch patches the page in.
        page.Find("input[data-filter=q]").Change("+1 415 555");
        var newest = (await SentAsync(1, minute: 59))[0];

        page.WaitForAssertion(() => Assert.Equal(newest, Rows(page)[0]), TimeSpan.FromSeconds(10));
        Assert.Equal("+1 415 555", page.Find("input[data-filter=q]").GetAttribute("value"));
    }

    [Fact]
    public async Task ALiveBatchRendersAgainOnlyTheRowsItAddsOrChangesNotTheOthersNorTheFilterForm()
    {
        // A number of their own: the other tests' messages stay off this page.
        const string to = "14155550777";
        var first = await SentAsync(4, minute: 20, to);
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/messages?to_number={to}");
        var page = Render<MessagesPage>();
        page.WaitForAssertion(() => Assert.Equal(first.AsEnumerable().Reverse(), Rows(page)));
        var untouched = first[1..];
        var before = RowRenders(page, untouched);
        var filterRenders = page.FindComponent<MessageLogFilters>().RenderCount;
        var pageRenders = page.RenderCount;

        // A new message and a state change: one batch or two, the page renders again for them.
        var newest = (await SentAsync(1, minute: 50, to))[0];
        using var delivered = await _app.PostSignedAsync("/plivo/status",
            Callbacks.Status(first[0], "delivered", 3, ("MessageTime", $"{Callbacks.Day} 10:20:00.000000"), ("To", to)));
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);

        page.WaitForAssertion(() =>
        {
            Assert.Equal(newest, Rows(page)[0]);
            Assert.Equal("delivered", page.Find($"a[data-row-uuid='{first[0]}'] [data-state]").GetAttribute("data-state"));
        }, TimeSpan.FromSeconds(10));
        Assert.True(page.RenderCount > pageRenders);
        Assert.Equal(before, RowRenders(page, untouched));
        Assert.Equal(filterRenders, page.FindComponent<MessageLogFilters>().RenderCount);
    }

    private static List<int> RowRenders(IRenderedComponent<MessagesPage> page, IEnumerable<string> uuids) =>
        [.. uuids.Select(u => page.FindComponents<MessageLogRow>().Single(r => r.Instance.Uuid == u).RenderCount)];

    /// <summary>Outbound messages sent a second apart from <paramref name="minute"/> past 10 yesterday, oldest first.</summary>
    private async Task<List<string>> SentAsync(int count, int minute, string to = "14155550123")
    {
        var uuids = Enumerable.Range(0, count).Select(_ => Callbacks.NewUuid()).ToList();
        for (var i = 0; i < count; i++)
        {
            var time = new DateTime(2026, 1, 1, 10, minute, 0).AddSeconds(i).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            using var response = await _app.PostSignedAsync("/plivo/status", Callbacks.Status(uuids[i], "sent", 2, ("MessageTime", $"{Callbacks.Day} {time}.000000"), ("To", to)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return uuids;
    }

    private static List<string> Rows(IRenderedComponent<MessagesPage> page) =>
        [.. page.FindAll("a[data-uuid]").Select(a => a.GetAttribute("data-uuid")!)];
}
