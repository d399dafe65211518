using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;

namespace Dashboard.Core.Sending;

/// <summary>One country's share of a send's estimated cost.</summary>
/// <param name="RatePerUnit">1/100000 USD per unit; null when the type is not offered there (MMS outside US/CA).</param>
public sealed record CostLine(string? CountryIso2, string CountryName, int Messages, int UnitsPerMessage, long? RatePerUnit)
{
    public long Amount => (RatePerUnit ?? 0) * UnitsPerMessage * Messages;
}

/// <summary>The estimated cost of a send, by destination country, from <see cref="RateCard"/>.</summary>
public sealed record CostEstimate(IReadOnlyList<CostLine> Lines)
{
    /// <summary>1/100000 USD.</summary>
    public long Total => Lines.Sum(l => l.Amount);

    public string TotalText => PlivoAmount.Format(Total);

    public static CostEstimate None { get; } = new([]);
}

/// <summary>The live figures of a send, as the compose form and the inbox composer show them: destinations, encoding and units, cost.</summary>
/// <param name="Destinations">Valid, normalised, without repeats, in the order given.</param>
/// <param name="InvalidDestinations">Entries that are not international numbers, as typed.</param>
/// <param name="Sms">The text's encoding and units (SMS; for MMS the text's own count).</param>
/// <param name="TextLength">The text's length as typed (UTF-16 units), which MMS and WhatsApp limits count.</param>
/// <param name="TextLimit">The most characters the text may have for this type and encoding.</param>
/// <param name="WhatsAppCategory">WhatsApp: the conversation category the message is billed as.</param>
public sealed record ComposePreview(
    IReadOnlyList<string> Destinations,
    IReadOnlyList<string> InvalidDestinations,
    SmsCount Sms,
    int UnitsPerMessage,
    int TextLength,
    int TextLimit,
    string? WhatsAppCategory,
    CostEstimate Cost)
{
    /// <summary>The figures of <paramref name="command"/>. Never throws.</summary>
    public static ComposePreview Of(SendCommand command)
    {
        var valid = command.To.Valid;
        var text = command.Content.Text;
        var sms = SmsEncoding.Count(text);
        var category = command.Type == MessageType.WhatsApp ? RateCard.WhatsAppCategoryOf(command.Content.Template?.Name) : null;
        var (units, limit) = command.Type switch
        {
            MessageType.Sms => (sms.Units, sms.MaxCharacters),
            MessageType.Mms => (1, SmsEncoding.Gsm7MaxCharacters),
            _ => (1, PlivoSendRules.WhatsAppMaxText),
        };
        var lines = valid
            .GroupBy(d => Numbering.CountryOfNumber(d)?.Iso2)
            .Select(g => new CostLine(
                g.Key,
                g.Key is null ? "Unknown country" : Numbering.Countries.First(c => c.Iso2 == g.Key).Name,
                g.Count(),
                units,
                RateCard.Outbound(g.Key, command.Type, category)))
            .OrderByDescending(l => l.Messages).ThenBy(l => l.CountryName)
            .ToList();
        return new ComposePreview(valid, command.To.Invalid, sms, units, text?.Length ?? 0, limit, category, new CostEstimate(lines));
    }
}
