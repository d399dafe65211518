using Dashboard.Components.Shared;
using Dashboard.Core.Incidents;
using Dashboard.Core.Live;
using Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Components.Pages.Incidents;

/// <summary>
/// Open and recent incidents (ADR-012), live: each batch of incident changes on the <see cref="LiveFeed"/>, this
/// instance's or another's, re-reads the list (at most every <see cref="LiveInterval"/>). Support and Admin acknowledge (with a note, in <see cref="AcknowledgeDialog"/>) and resolve; the
/// policy is checked again on each action, not only when the buttons are drawn.
/// </summary>
public sealed partial class IncidentsPage : IDisposable
{
    /// <summary>Incidents change at most once a second each (their counts) or when staff act: half a second is live enough.</summary>
    private static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(500);

    private IReadOnlyList<Incident>? _incidents;
    private bool _canAct;
    private LiveBatches? _live;

    [Inject] private IncidentStore Store { get; set; } = default!;

    [Inject] private LiveFeed Feed { get; set; } = default!;

    [Inject] private ILogger<IncidentsPage> Logger { get; set; } = default!;

    [Inject] private IOptions<IncidentOptions> Options { get; set; } = default!;

    [Inject] private IAuthorizationService Authorization { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private IncidentOptions Rule => Options.Value;

    protected override async Task OnInitializedAsync()
    {
        _canAct = await MayActAsync();
        if (RendererInfo.IsInteractive)
        {
            // Subscribed before loading, so a change stored while the list loads is not missed.
            _live = LiveBatches.Start<IncidentChange>(Feed, LiveInterval, _ => InvokeAsync(async () =>
            {
                _incidents = await Store.ListAsync();
                StateHasChanged();
            }), Logger);
        }

        _incidents = await Store.ListAsync();
    }

    private async Task<bool> MayActAsync() =>
        (await Authorization.AuthorizeAsync((await Authentication).User, Policies.IncidentResponse)).Succeeded;

    private async Task<string> UserNameAsync() => (await Authentication).User.Identity?.Name ?? "unknown";

    private async Task AcknowledgeAsync(Incident incident)
    {
        if (!await MayActAsync())
        {
            return;
        }

        string? note = null, problem = null;
        while (true)
        {
            var parameters = new DialogParameters<AcknowledgeDialog> { { d => d.Note, note }, { d => d.Problem, problem } };
            var dialog = await Dialogs.ShowAsync<AcknowledgeDialog>($"Acknowledge {incident.ErrorCode} · {IncidentCard.KeyText(incident)}?", parameters,
                new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
            if (await dialog.Result is not { Canceled: false, Data: string typed })
            {
                return;
            }

            var result = await Store.AcknowledgeAsync(incident.Id, await UserNameAsync(), typed);
            if (result.NoteRejected)
            {
                (note, problem) = (typed, result.Problem);
                continue;
            }

            await ReportAsync(result, "Acknowledged: your note is in its history.");
            return;
        }
    }

    private async Task ResolveAsync(Incident incident)
    {
        if (!await MayActAsync()
            || !await Dialogs.ConfirmAsync($"Resolve {incident.ErrorCode} · {IncidentCard.KeyText(incident)}?",
                "It moves to the recent incidents. If its failures go on, a new incident opens.", "Resolve"))
        {
            return;
        }

        await ReportAsync(await Store.ResolveAsync(incident.Id, await UserNameAsync(), null), "Resolved.");
    }

    private async Task ReportAsync(IncidentActionResult result, string success)
    {
        Snackbar.Add(result.Problem ?? success, result.Succeeded ? Severity.Success : Severity.Warning);
        _incidents = await Store.ListAsync();
    }

    private static string Minutes(TimeSpan span) => DisplayText.Duration(span);

    public void Dispose() => _live?.Dispose();
}
