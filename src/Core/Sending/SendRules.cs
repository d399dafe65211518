using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Sending;

/// <summary>
/// What a send must be before anyone is called: from one of our configured numbers or Powerpacks, to numbers in
/// international format where its type is offered, within Plivo's own rules (<see cref="PlivoSendRules"/>), with a
/// well-formed submission key. Every problem is keyed by the compose form's field it belongs to and said in plain words
/// (Plivo's rules carry their own, <see cref="PlivoParameterError.Plain"/>): the form shows them as they are.
/// </summary>
public sealed class SendRules(IOptionsMonitor<PlivoOptions> options)
{
    /// <summary>Our configured numbers (<c>Plivo:Numbers</c>), then our Powerpacks (<c>Plivo:Powerpacks</c>).</summary>
    public IReadOnlyList<ComposeSender> Senders =>
    [
        .. Numbers.Select(n => new ComposeSender(n, FormatSender(n), false)),
        .. Powerpacks.Select(p => new ComposeSender(ComposeSender.PowerpackPrefix + p, $"Powerpack {p}", true)),
    ];

    private IEnumerable<string> Numbers =>
        options.CurrentValue.Numbers.Where(n => !string.IsNullOrWhiteSpace(n)).Select(Numbering.NormalizeNumber);

    private IEnumerable<string> Powerpacks =>
        options.CurrentValue.Powerpacks.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim());

    /// <summary>Every problem of <paramref name="command"/>, and Plivo's request for it when there is none.</summary>
    public SendCheck Check(SendCommand command, ComposePreview preview)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            if (!list.Contains(message))
            {
                list.Add(message);
            }
        }

        if (command.SubmissionKey is not null && !SendSubmissions.IsValidKey(command.SubmissionKey))
        {
            Add(SendOutcome.FormError, $"The form's submission key must be 1 to {SendSubmission.MaxKey} letters, digits, '-' or '_'; reload the page.");
        }

        if (command.From is null)
        {
            Add(nameof(ComposeRequest.Sender), "Choose a sender: one of your numbers or a Powerpack.");
        }
        else if (!IsOurs(command.From))
        {
            Add(nameof(ComposeRequest.Sender), "The sender is not one of your configured numbers or Powerpacks.");
        }

        foreach (var bad in preview.InvalidDestinations)
        {
            Add(nameof(ComposeRequest.Destinations), $"'{bad}' is not a number in international format (country code first, e.g. +14155550123).");
        }

        var notOffered = preview.Destinations.Where(d => RateCard.Outbound(Numbering.CountryOfNumber(d)?.Iso2, command.Type) is null).ToList();
        if (notOffered.Count > 0)
        {
            Add(nameof(ComposeRequest.Destinations), $"MMS goes to US and Canadian numbers only: {string.Join(", ", notOffered.Select(d => "+" + d))}.");
        }

        var request = command.ToPlivoRequest();
        foreach (var error in PlivoSendRules.Validate(request))
        {
            // Said better above: no sender chosen (or not ours), no destination that is a number.
            if ((error.Parameter == "src" && errors.ContainsKey(nameof(ComposeRequest.Sender)))
                || (error.Parameter == "dst" && preview.InvalidDestinations.Count > 0 && preview.Destinations.Count == 0))
            {
                continue;
            }

            Add(FieldOf(error.Parameter), error.Plain);
        }

        return new SendCheck(preview, errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value))
        {
            Request = errors.Count == 0 ? request : null,
        };
    }

    /// <summary>With nothing configured, any sender goes (Plivo will say whether it is the account's).</summary>
    private bool IsOurs(SendSender sender)
    {
        var numbers = Numbers.ToList();
        var powerpacks = Powerpacks.ToList();
        return (numbers.Count == 0 && powerpacks.Count == 0)
            || (sender.IsPowerpack ? powerpacks.Contains(sender.PowerpackUuid!) : numbers.Contains(sender.Number!));
    }

    private static string FieldOf(string parameter) => parameter switch
    {
        "src" or "powerpack_uuid" => nameof(ComposeRequest.Sender),
        "dst" => nameof(ComposeRequest.Destinations),
        "text" or "interactive" or "location" => nameof(ComposeRequest.Text),
        "type" => nameof(ComposeRequest.Type),
        "media_urls" or "media_ids" => nameof(ComposeRequest.MediaUrls),
        "template" => nameof(ComposeRequest.TemplateName),
        "message_expiry" => nameof(ComposeRequest.ExpirySeconds),
        "log" => nameof(ComposeRequest.Log),
        "dlt_entity_id" => nameof(ComposeRequest.DltEntityId),
        "dlt_template_id" => nameof(ComposeRequest.DltTemplateId),
        "dlt_template_category" => nameof(ComposeRequest.DltTemplateCategory),
        _ => SendOutcome.FormError,
    };

    private static string FormatSender(string digits)
    {
        var country = Numbering.CountryOfNumber(digits);
        return country is null ? digits : $"+{digits} ({country.Iso2})";
    }
}
