using Dashboard.Components.Shared;
using Dashboard.Core.Messages;
using Dashboard.Core.Replay;
using Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Components.Pages.Admin;

/// <summary>
/// Callback replay (ADR-013) for admins: a filter over the stored callbacks or an uploaded file, a preview of what the
/// replay would do, then the replay after a confirmation, and the list of past replays. Replay stays disabled until the
/// preview of exactly the current filter or file has been shown; changing either asks for a new preview.
/// </summary>
public sealed partial class ReplayPage
{
    private static readonly MessageState[] Statuses =
        [MessageState.Queued, MessageState.Sent, MessageState.Delivered, MessageState.Undelivered, MessageState.Failed, MessageState.Read];

    private int _tab;
    private DateTime? _from;
    private DateTime? _to;
    private string? _messageUuid;
    private MessageState? _status;
    private ImportedCallbacks? _file;
    private ReplaySource? _previewed;
    private ReplayReport? _report;
    private string? _problem;
    private bool _busy;
    private IReadOnlyList<ReplayRun>? _runs;

    [Inject] private CallbackReplay Replay { get; set; } = default!;

    [Inject] private IOptions<ReplayOptions> Options { get; set; } = default!;

    [Inject] private IAuthorizationService Authorization { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private string MaxFileText => $"{Options.Value.MaxFileBytes / 1024.0 / 1024.0:0.#} MiB";

    private bool CanReplay => _previewed is not null && Equals(_previewed, CurrentSource()) && _report is { IsPreview: true, Problem: null };

    protected override async Task OnInitializedAsync() => _runs = await Replay.RecentAsync();

    private ReplaySource? CurrentSource() => _tab == 0
        ? new StoredCallbacks
        {
            From = Utc(_from), To = Utc(_to), MessageUuid = string.IsNullOrWhiteSpace(_messageUuid) ? null : _messageUuid.Trim(), Status = _status,
        }
        : _file;

    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;

    private void Change(Action set)
    {
        set();
        Forget();
    }

    private void OnTabChanged(int tab)
    {
        _tab = tab;
        Forget();
    }

    /// <summary>A changed filter or file needs its own preview before it may be replayed.</summary>
    private void Forget()
    {
        _previewed = null;
        _report = null;
        _problem = null;
    }

    private async Task LoadFileAsync(IBrowserFile? file)
    {
        Forget();
        _file = null;
        if (file is null)
        {
            return;
        }

        var max = Options.Value.MaxFileBytes;
        if (file.Size > max)
        {
            _problem = CallbackFile.TooLarge(max);
            return;
        }

        _busy = true;
        try
        {
            await using var stream = file.OpenReadStream(max + 1);
            var (read, problem) = await CallbackFile.ReadAsync(stream, max);
            _problem = problem;
            _file = read is null ? null : new ImportedCallbacks(file.Name, read);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task PreviewAsync()
    {
        Forget();
        if (CurrentSource() is not { } source)
        {
            _problem = "Choose a file first.";
            return;
        }

        _busy = true;
        try
        {
            var report = await Replay.PreviewAsync(source);
            Show(report);
            _previewed = report.Problem is null ? source : null;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ReplayAsync()
    {
        var user = (await Authentication).User;
        if (!CanReplay || !(await Authorization.AuthorizeAsync(user, Policies.Admin)).Succeeded)
        {
            return;
        }

        var source = _previewed!;
        var preview = _report!;
        var confirmed = await Dialogs.ConfirmAsync("Replay these callbacks?",
            $"{DisplayText.Count(preview.Read - preview.Rejected)} callbacks ({source.Description}) go through the writer now; the preview expects "
            + $"{DisplayText.Count(preview.Changed)} messages to change. Messages that moved on since the preview keep their state.",
            "Replay");
        if (!confirmed)
        {
            return;
        }

        _busy = true;
        try
        {
            Show(await Replay.ReplayAsync(source, user.Identity?.Name ?? "unknown"));
            _previewed = null;
            _runs = await Replay.RecentAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private void Show(ReplayReport report)
    {
        _report = report.Problem is null ? report : null;
        _problem = report.Problem;
    }
}
