using System.Text.Json;
using Dashboard.Components.Shared;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages.Compose;

/// <summary>
/// The compose page: a thin form over <see cref="SendService"/>, which validates (each field shows Core's plain-words
/// errors through MudForm), estimates, sends and stores. After a send the form clears, a snackbar says what happened,
/// and the result follows each message's state on the live feed until it is final.
/// </summary>
public sealed partial class ComposePage : IDisposable
{
    private static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<string, MessageState> _states = [];

    /// <summary>States the feed reported while a send was on its way, before its UUIDs were known.</summary>
    private readonly Dictionary<string, MessageState> _early = [];
    private ComposeRequest _request = new();
    private IReadOnlyList<ComposeSender> _senders = [];
    private MudForm? _form;
    private SendOutcome? _sent;
    private IReadOnlyDictionary<string, IReadOnlyList<string>> _sendErrors = new Dictionary<string, IReadOnlyList<string>>();
    private bool _sending;
    private bool _dltOpen;

    /// <summary>The form was cleared: once its fields have their new (empty) values, they are untouched again.</summary>
    private bool _cleared;
    private LiveBatches? _live;

    /// <summary>The form as it was when its submission key was spent without a clear answer (perhaps sent).</summary>
    private string? _spentForm;

    [Inject] private SendService Send { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Inject] private LiveFeed Feed { get; set; } = null!;

    [Inject] private ILogger<ComposePage> Logger { get; set; } = null!;

    private IEnumerable<string> FormErrors => _sendErrors.TryGetValue(SendOutcome.FormError, out var errors) ? errors : [];

    protected override void OnInitialized()
    {
        _senders = Send.Senders;
        _request = NewForm(_senders.FirstOrDefault()?.Value, MessageType.Sms);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            // Subscribed before anything is sent, so no state change of a message this page sends is missed.
            _live = LiveBatches.Start<MessageChange>(Feed, LiveInterval, batch => InvokeAsync(() => Apply(batch)), Logger);
        }

        if (_cleared && _form is not null)
        {
            _cleared = false;
            await _form.ResetValidationAsync();
            _form.ResetTouched();
        }
    }

    /// <summary>A field's validation: the send rules' errors for it, and what the last send attempt said about it.</summary>
    private Func<T, IEnumerable<string>> Rule<T>(string field) => _ =>
    {
        var errors = Send.Check(_request.ToCommand()).Errors;
        return [.. errors.GetValueOrDefault(field, []), .. _sendErrors.GetValueOrDefault(field, [])];
    };

    /// <summary>The DLT fields open by themselves once an Indian number is among the recipients.</summary>
    private static bool ShowDlt(ComposePreview preview) => preview.Destinations.Any(d => d.StartsWith("91", StringComparison.Ordinal));

    private string? SenderLabel(string? value) => _senders.FirstOrDefault(s => s.Value == value)?.Label ?? value;

    private static string RecipientsHelp(ComposePreview preview) => preview.Destinations.Count > 1
        ? $"{DisplayText.Count(preview.Destinations.Count)} recipients, one message each"
        : "One or more numbers with their country code, separated by commas or new lines";

    // Keep both guards when rewriting this page (ComposePageSubmitTests): a double click delivers a second click before
    // the disabled button reaches the browser, hence _sending; a retry of a send whose answer was lost would still send
    // again, hence the submission key, which SendService sends once.
    private async Task SendAsync()
    {
        if (_sending)
        {
            return;
        }

        _sending = true;
        try
        {
            _sendErrors = new Dictionary<string, IReadOnlyList<string>>();
            await _form!.ValidateAsync();
            if (!_form.IsValid)
            {
                return;
            }

            // A form whose send ended without a clear answer and was changed since is a new message, with a key of its
            // own; unchanged, it keeps its key, so sending it again shows the first attempt's result instead.
            if (_spentForm is not null && JsonSerializer.Serialize(_request) != _spentForm)
            {
                _request.SubmissionKey = SendSubmissions.NewKey();
                _spentForm = null;
            }

            var outcome = await Send.SendAsync(_request.ToCommand());
            if (outcome.Sent)
            {
                Sent(outcome);
            }
            else
            {
                if (outcome.Uncertain)
                {
                    _spentForm = JsonSerializer.Serialize(_request);
                }

                _sendErrors = outcome.Errors;
                Snackbar.Add($"Not sent: {string.Join(" ", outcome.Errors.Values.SelectMany(e => e))}", outcome.Uncertain ? Severity.Warning : Severity.Error);
                await _form.ValidateAsync();
            }
        }
        finally
        {
            _sending = false;
        }
    }

    /// <summary>Shows what was queued and clears the form (keeping sender and type), so it cannot be sent again by accident.</summary>
    private void Sent(SendOutcome outcome)
    {
        _sent = outcome;
        _states.Clear();
        foreach (var message in outcome.Messages)
        {
            // What the feed said while the send was on its way (fast callbacks) is not lost.
            _states[message.MessageUuid] = _early.GetValueOrDefault(message.MessageUuid, MessageState.Queued);
        }

        _early.Clear();
        var count = $"{DisplayText.Count(outcome.Messages.Count)} {(outcome.Messages.Count == 1 ? "message" : "messages")}";
        Snackbar.Add(outcome.Repeated ? $"This form was already sent ({count}): nothing was sent again." : $"Queued {count}.",
            outcome.Repeated ? Severity.Info : Severity.Success);
        _request = NewForm(_request.Sender, _request.Type);
        _spentForm = null;
        _cleared = true;
    }

    private void Apply(IReadOnlyList<MessageChange> batch)
    {
        var changed = false;
        foreach (var change in batch.Where(c => c.Direction == MessageDirection.Outbound && (c.Applied || c.Created)))
        {
            if (_states.ContainsKey(change.MessageUuid))
            {
                _states[change.MessageUuid] = change.State;
                changed = true;
            }
            else if (_sending)
            {
                _early[change.MessageUuid] = change.State;
            }
        }

        if (changed)
        {
            StateHasChanged();
        }
    }

    private static ComposeRequest NewForm(string? sender, MessageType type) =>
        new() { Sender = sender, Type = type, SubmissionKey = SendSubmissions.NewKey() };

    public void Dispose() => _live?.Dispose();
}
