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
    }

    private async Task SendAsync()
    {
        _sending = true;
        _outcome = null;
        try
        {
            _outcome = await Send.SendAsync(_request);
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
