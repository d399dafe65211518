using Dashboard.Components.Pages.Incidents;
using Dashboard.Core.Incidents;
using Dashboard.Core.Users;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Incidents;

/// <summary>
/// The incidents page over a real app: what an incident shows, who may act on it, the acknowledgement dialog and the
/// live list. Each test stores an incident of its own (a carrier nobody else uses).
/// </summary>
[Collection(DashboardCollection.Name)]
public class IncidentsPageTests : ComponentTestBase
{
    private readonly DashboardFactory _app;
    private readonly string _carrier = $"310/{Random.Shared.Next(100, 999)}";
    private IRenderedComponent<MudDialogProvider>? _dialogs;

    public IncidentsPageTests(DashboardFactory app)
    {
        _app = app;
        UseAppServices(app.Services);
    }

    private IncidentStore Store => _app.Services.GetRequiredService<IncidentStore>();

    private Task<long> StoreIncidentAsync(string carrier)
    {
        var now = Now.UtcDateTime;
        return Store.OpenAsync(new DetectedIncident(new IncidentKey(IncidentDimension.Carrier, "20", carrier), now.AddMinutes(-3), now, now, 42, 27_300,
            BaselinePerMinute: 0.5, PeakPerMinute: 9.6, TimeSpan.FromMinutes(1), now.AddMinutes(-3), [5, 12, 25]));
    }

    private IRenderedComponent<IncidentsPage> Open(UserRoles roles, string name = "sam")
    {
        SignIn(name, roles);
        _dialogs = Render<MudDialogProvider>();
        return Render<IncidentsPage>();
    }

    [Fact]
    public async Task AnIncidentShowsItsKeyMeaningFaultCountsSpendChartAndLogLink()
    {
        var id = await StoreIncidentAsync(_carrier);

        var page = Open(UserRoles.Support);

        var card = page.WaitForElement($"[data-section=open] [data-incident='{id}']");
        Assert.Equal($"20 Network error · carrier {_carrier} (MCC/MNC)", card.QuerySelector("[data-incident-key]")!.TextContent.Trim());
        Assert.Contains("The delivering carrier had network problems", card.TextContent);
        Assert.Equal("Usually the carrier's: its network or routing.", card.QuerySelector("[data-fault]")!.TextContent);
        Assert.Equal("42", card.QuerySelector("[data-stat=incident-failures] [data-value]")?.TextContent.Trim());
        Assert.Equal("$0.27", card.QuerySelector("[data-stat=incident-wasted] [data-value]")?.TextContent.Trim());
        var chart = card.QuerySelector($"[data-chart='incident-{id}'] [data-chart-table]")!;
        Assert.Equal(["5/min", "0.5/min", "12/min", "0.5/min", "25/min", "0.5/min"], chart.QuerySelectorAll("td").Select(td => td.TextContent));
        var mnc = _carrier.Split('/')[1];
        var link = new Uri("http://x" + card.QuerySelector("[data-incident-log]")!.GetAttribute("href"));
        Assert.Equal("/messages", link.AbsolutePath);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query).ToDictionary(q => q.Key, q => q.Value.ToString());
        Assert.Equal(new Dictionary<string, string>
        {
            ["error_code"] = "20", ["mcc"] = "310", ["mnc"] = mnc, ["message_direction"] = "outbound",
            ["message_state"] = "failed,undelivered", ["message_time__gte"] = "2026-11-20 10:57",
        }, query);
        Assert.Equal(["opened"], card.QuerySelectorAll("[data-event]").Select(e => e.GetAttribute("data-event")));
    }

    [Fact]
    public async Task AManagerSeesIncidentsButCannotActOnThem()
    {
        var id = await StoreIncidentAsync(_carrier);

        var page = Open(UserRoles.Manager);

        var card = page.WaitForElement($"[data-incident='{id}']");
        Assert.Null(card.QuerySelector("[data-action]"));
    }

    [Fact]
    public async Task SupportAcknowledgesWithANoteAskedForAgainWhenMissing()
    {
        var id = await StoreIncidentAsync(_carrier);
        var page = Open(UserRoles.Support, "sam");
        var card = page.WaitForElement($"[data-incident='{id}']");

        var dialogs = _dialogs!;
        var acknowledging = card.QuerySelector("[data-action=acknowledge]")!.ClickAsync(new());
        dialogs.WaitForElement("[data-testid=acknowledge-dialog]");
        await dialogs.Find("[data-testid=acknowledge-ok]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Write a note: what is being done, or who is on it.", dialogs.Markup));
        await dialogs.Find("textarea[name=incident-note]").InputAsync(new() { Value = "On it with the carrier." });
        await dialogs.Find("[data-testid=acknowledge-ok]").ClickAsync(new());
        await acknowledging;

        page.WaitForAssertion(() => Assert.Equal("acknowledged", page.Find($"[data-incident='{id}']").GetAttribute("data-state")));
        var acknowledged = page.Find($"[data-incident='{id}'] [data-event=acknowledged]");
        Assert.Contains("by sam", acknowledged.TextContent);
        Assert.Equal("On it with the carrier.", acknowledged.QuerySelector("[data-note]")!.TextContent);
        Assert.Null(page.Find($"[data-incident='{id}']").QuerySelector("[data-action=acknowledge]"));
    }

    [Fact]
    public async Task AnIncidentOpenedWhileThePageIsOpenAppearsLive()
    {
        var page = Open(UserRoles.Admin);
        page.WaitForElement("[data-section=open]");

        var id = await StoreIncidentAsync(_carrier);

        page.WaitForElement($"[data-section=open] [data-incident='{id}']");
        await Store.ResolveAsync(id, "kim", null);
        page.WaitForElement($"[data-section=recent] [data-incident='{id}'][data-state=resolved]");
    }
}
