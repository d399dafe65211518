using System.Text.Json;
using Dashboard.Core.Sending;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Pages.Compose;

/// <summary>
/// The compose page: a thin form over <see cref="SendService"/>, which validates, estimates, sends and stores.
/// The page only binds fields, shows the live preview and the outcome, and links to each new message.
/// </summary>
public partial class ComposePage
{
    private readonly ComposeRequest _request = new();
    private IReadOnlyList<ComposeSender> _senders = [];
    private ComposeValidator? _validator;
    private SendOutcome? _outcome;
    private bool _sending;

    /// <summary>The form as it was when its submission key was spent (sent, or perhaps sent).</summary>
    private string? _spentForm;

    [Inject]
    private SendService Send { get; set; } = null!;

    private IEnumerable<string> FormErrors =>
        _outcome?.Errors.TryGetValue(SendOutcome.FormError, out var errors) == true ? errors : [];

    /// <summary>The DLT fields open by themselves once an Indian number is among the recipients.</summary>
    private static bool ShowDlt(ComposePreview preview) => preview.Destinations.Any(d => d.StartsWith("91", StringComparison.Ordinal));

    protected override void OnInitialized()
    {
        _senders = Send.Senders;
        _request.Sender = _senders.FirstOrDefault()?.Value;
        _request.SubmissionKey = SendSubmissions.NewKey();
    }

    // Keep both guards when rewriting this page (ComposePageSubmitTests): a double click delivers a second submit before
    // the disabled button reaches the browser, hence _sending; a click after the send finished, or a retry, would still
    // send again, hence the submission key, which SendService sends once.
    private async Task SendAsync()
    {
        if (_sending)
        {
            return;
        }

        // A sent form that was changed since is a new message, with a key of its own; unchanged, it keeps its key, so
        // sending it again shows the first send's result instead of sending a second time.
        if (_spentForm is not null && JsonSerializer.Serialize(_request) != _spentForm)
        {
            _request.SubmissionKey = SendSubmissions.NewKey();
        }

        _sending = true;
        _outcome = null;
        try
        {
            _outcome = await Send.SendAsync(_request.ToCommand());
            if (_outcome.Sent || _outcome.Uncertain)
            {
                _spentForm = JsonSerializer.Serialize(_request);
            }

            if (!_outcome.Sent)
            {
                _validator?.Show(_outcome.Errors);
            }
        }
        finally
        {
            _sending = false;
        }
    }
}
