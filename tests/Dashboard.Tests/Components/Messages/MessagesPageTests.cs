using Dashboard.Components.Pages.Messages;
using Dashboard.Core.Messages;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Messages;

/// <summary>The message log over a circuit, on the seeded messages: the grid's rows, and filters that change the address.</summary>
[Collection(SeededReportsCollection.Name)]
public class MessagesPageTests : ComponentTestBase
{
    private readonly SeededReports _seeded;

    public MessagesPageTests(SeededReports seeded)
    {
        _seeded = seeded;
        UseAppServices(seeded.App.Services);
    }

    private NavigationManager Navigation => Context.Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void MessageLogListsNewestFirstWithLinksToDetails()
    {
        var page = Open("/messages?error_code=30");

        page.WaitForAssertion(() => Assert.Equal(
            [_seeded.Uuids["H"], _seeded.Uuids["C"]],
            page.FindAll("a[data-uuid]").Select(a => a.GetAttribute("data-uuid"))));
        Assert.Equal($"/messages/{_seeded.Uuids["H"]}", page.Find("a[data-uuid]").GetAttribute("href"));
        Assert.Equal(["undelivered", "undelivered"],
            page.FindAll("[data-grid=messages] [data-state]").Where(b => b.Closest("[data-row-uuid]") is null).Select(b => b.GetAttribute("data-state")));
    }

    [Fact]
    public void ThePhonesRowIsOneLinkToTheDetailWithTimeStateNumberAndText()
    {
        var page = Open("/messages?q=hallo");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("a[data-row-uuid]")));
        var row = page.Find("a[data-row-uuid]");
        Assert.Equal($"/messages/{_seeded.Uuids["J"]}", row.GetAttribute("href"));
        Assert.NotNull(row.QuerySelector("time[datetime]"));
        Assert.Equal("delivered", row.QuerySelector("[data-state]")?.GetAttribute("data-state"));
        Assert.Contains("from +", row.TextContent);
        Assert.Contains("Hallo", row.TextContent);
    }

    [Fact]
    public void TheFoldedFiltersSayHowManyAreActiveAndOpenOnRequest()
    {
        var page = Open("/messages?message_state=failed,undelivered&message_direction=outbound");
        Assert.Equal("Filters · 2 active", page.Find("[data-filters-toggle]").TextContent.Trim());
        Assert.Equal("false", page.Find("[data-filters-open]").GetAttribute("data-filters-open"));

        page.Find("[data-filters-toggle]").Click();

        Assert.Equal("true", page.Find("[data-filters-open]").GetAttribute("data-filters-open"));
        Assert.Equal("true", page.Find("[data-filters-toggle]").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void TheTotalCountOfTheFilterIsShown()
    {
        var page = Open("/messages?message_state=failed,undelivered");

        page.WaitForAssertion(() => Assert.Equal("4", page.Find("[data-count]").GetAttribute("data-count")));
        Assert.Equal("4 messages", page.Find("[data-count]").TextContent.Trim());
        Assert.Equal(4, page.FindAll("a[data-uuid]").Count);
    }

    [Fact]
    public void TheTextColumnShowsTheStartOfEachText()
    {
        var page = Open("/messages?q=hallo");

        page.WaitForAssertion(() => Assert.Equal("Hallo", page.Find("[data-text]").TextContent.Trim()));
    }

    [Fact]
    public void ApplyingASearchPutsItInTheQueryStringAndStartsFromTheFirstPage()
    {
        var page = Open("/messages?error_code=30&before=638000000000000000.5");

        page.Find("input[data-filter=q]").Change("+1 415 555");
        page.Find("form[data-form=message-filters]").Submit();

        Assert.Equal("/messages?q=%2B1%20415%20555&error_code=30", PathAndQuery());
    }

    [Fact]
    public async Task ChoosingSeveralStatesPutsThemInOneParameter()
    {
        var page = Open("/messages");
        var states = page.FindComponent<MudSelect<MessageState>>();

        await page.InvokeAsync(() => states.Instance.SelectedValuesChanged.InvokeAsync([MessageState.Failed, MessageState.Undelivered]));

        Assert.Equal("/messages?message_state=undelivered,failed", PathAndQuery());
        Assert.Equal([MessageState.Undelivered, MessageState.Failed], Filter().States);
    }

    [Fact]
    public void TheLastHourPresetStartsTheRangeAnHourAgoWithNoEnd()
    {
        var page = Open("/messages?message_time__lt=2026-11-19");

        page.Find("[data-preset='1h']").Click();

        Assert.Equal(Now.UtcDateTime.AddHours(-1), Filter().TimeGte);
        Assert.Null(Filter().TimeLt);
    }

    [Fact]
    public void TheLast24HoursPresetStartsTheRangeADayAgo()
    {
        var page = Open("/messages?message_type=sms");

        page.Find("[data-preset='24h']").Click();

        Assert.Equal("/messages?message_type=sms&message_time__gte=2026-11-19%2012%3A00", PathAndQuery());
    }

    [Fact]
    public async Task OldestFirstIsAnOrderInTheQueryString()
    {
        var page = Open("/messages?error_code=900");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("a[data-uuid]").Count));
        var order = page.FindComponents<MudSelect<MessageOrder>>().Single();

        await page.InvokeAsync(() => order.Instance.ValueChanged.InvokeAsync(MessageOrder.OldestFirst));

        Assert.Equal("/messages?error_code=900&order=oldest", PathAndQuery());
    }

    [Fact]
    public void PausingTheLiveStreamSaysSoAndOffersToResume()
    {
        var page = Open("/messages");

        page.Find("[data-pause]").Click();

        Assert.NotNull(page.Find("[data-live=paused]"));
        page.Find("[data-resume]").Click();
        Assert.NotNull(page.Find("[data-live=on]"));
    }

    [Fact]
    public void TheExportLinkCarriesTheFilterWithoutTheCursor()
    {
        var page = Open("/messages?error_code=30&before=638000000000000000.5");

        Assert.Equal("/api/messages.csv?error_code=30", page.Find("[data-export]").GetAttribute("href"));
    }

    private IRenderedComponent<MessagesPage> Open(string address)
    {
        Navigation.NavigateTo(address);
        return Render<MessagesPage>();
    }

    private string PathAndQuery() => new Uri(Navigation.Uri).PathAndQuery;

    private MessageFilter Filter()
    {
        var query = QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query);
        var (filter, errors) = MessageFilter.Parse(name => query.TryGetValue(name, out var v) ? v.ToString() : null);
        Assert.Empty(errors);
        return filter!;
    }
}
