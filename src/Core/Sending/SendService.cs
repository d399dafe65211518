using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Sending;

/// <summary>
/// Sends what the compose form, the inbox or the simulator's demo traffic asks for: checks it against our numbers and
/// Plivo's rules, refuses contacts who opted out and free-form WhatsApp outside the customer-service window
/// (<see cref="ReplyPolicy"/>), estimates units and cost, calls Plivo's Message API with our status callback URL, and
/// stores each new message as queued so it shows at once, before its first callback.
/// </summary>
public sealed partial class SendService(
    IPlivoClient plivo,
    PlivoAddresses addresses,
    MessageWriter writer,
    IDbContextFactory<DashboardDb> dbFactory,
    ReplyPolicy policy,
    SendSubmissions submissions,
    IOptionsMonitor<PlivoOptions> options,
    ILogger<SendService> logger)
{
    public const string PowerpackPrefix = "powerpack:";

    private static readonly char[] ListSeparators = ['\n', '\r', ',', ';', '<'];

    /// <summary>Our configured numbers (<c>Plivo:Numbers</c>), then our Powerpacks (<c>Plivo:Powerpacks</c>).</summary>
    public IReadOnlyList<ComposeSender> Senders =>
    [
        .. options.CurrentValue.Numbers.Where(n => !string.IsNullOrWhiteSpace(n))
            .Select(n => new ComposeSender(Numbering.NormalizeNumber(n), FormatSender(n), false)),
        .. options.CurrentValue.Powerpacks.Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => new ComposeSender(PowerpackPrefix + p.Trim(), $"Powerpack {p.Trim()}", true)),
    ];

    /// <summary>The live figures for the form: destinations, encoding, units and cost. Never throws.</summary>
    public ComposePreview Preview(ComposeRequest request)
    {
        var (valid, invalid) = ParseDestinations(request.Destinations);
        var sms = SmsEncoding.Count(request.Text);
        var category = request.Type == MessageType.WhatsApp ? RateCard.WhatsAppCategoryOf(request.TemplateName) : null;
        var (units, limit) = request.Type switch
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
                RateCard.Outbound(g.Key, request.Type, category)))
            .OrderByDescending(l => l.Messages).ThenBy(l => l.CountryName)
            .ToList();
        return new ComposePreview(valid, invalid, sms, units, request.Text?.Length ?? 0, limit, category, new CostEstimate(lines));
    }

    /// <summary>
    /// Checks the form without calling anyone: every problem, keyed by <see cref="ComposeRequest"/> property
    /// name (<see cref="SendOutcome.FormError"/> for the form as a whole). Opt-outs are checked when sending.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Validate(ComposeRequest request) =>
        Check(request, Preview(request)).Errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value);

    /// <summary>
    /// Validates, refuses opted-out contacts and closed WhatsApp windows, sends through Plivo and stores the queued
    /// messages; at most once per <see cref="ComposeRequest.SubmissionKey"/>.
    /// </summary>
    public Task<SendOutcome> SendAsync(ComposeRequest request, CancellationToken cancellationToken = default)
    {
        var preview = Preview(request);
        return SendSubmissions.IsValidKey(request.SubmissionKey)
            ? submissions.SendOnceAsync(request.SubmissionKey!, preview.Cost, ct => SendNowAsync(request, preview, ct), cancellationToken)
            : SendNowAsync(request, preview, cancellationToken);
    }

    private async Task<SendOutcome> SendNowAsync(ComposeRequest request, ComposePreview preview, CancellationToken cancellationToken)
    {
        var (errors, plivoRequest) = Check(request, preview);
        if (errors.Count > 0)
        {
            return Refused(errors, preview);
        }

        var refused = await FindRefusedDestinationsAsync(request, preview.Destinations, cancellationToken);
        if (refused.Count > 0)
        {
            return Refused(new Dictionary<string, List<string>> { [nameof(ComposeRequest.Destinations)] = refused }, preview);
        }

        plivoRequest = plivoRequest! with { Url = addresses.StatusCallbackUrl.ToString(), Method = "POST" };
        PlivoSendResponse response;
        try
        {
            response = await plivo.SendAsync(plivoRequest, cancellationToken);
        }
        catch (PlivoApiException ex)
        {
            LogRefused(logger, ex, ex.StatusCode is { } s ? (int)s : 0, ex.PlivoError);
            var message = ex.StatusCode is null ? $"Plivo could not be reached: {ex.PlivoError}" : $"Plivo refused the message: {ex.PlivoError}";
            return Refused(new Dictionary<string, List<string>> { [SendOutcome.FormError] = [message] }, preview) with
            {
                // No answer at all: the message may have been queued all the same.
                Uncertain = ex.StatusCode is null,
            };
        }

        var invalid = (response.InvalidNumber ?? []).Select(Numbering.NormalizeNumber).ToHashSet();
        var accepted = preview.Destinations.Where(d => !invalid.Contains(d)).ToList();
        var sent = new List<SentMessage>(response.MessageUuid.Count);
        for (var i = 0; i < response.MessageUuid.Count && i < accepted.Count; i++)
        {
            var uuid = response.MessageUuid[i].Trim().ToLowerInvariant();
            var from = await SenderNumberAsync(plivoRequest, uuid, cancellationToken);
            await writer.WriteOutboundAsync(ToOutbound(plivoRequest, request.Type, uuid, from, accepted[i], response.ApiId), cancellationToken);
            sent.Add(new SentMessage(accepted[i], uuid));
        }

        LogSent(logger, sent.Count, PlivoNames.Of(request.Type), response.ApiId);
        return new SendOutcome(new Dictionary<string, IReadOnlyList<string>>(), sent, [.. invalid], preview.Cost, response.ApiId);
    }

    /// <summary>Splits the destinations field into valid numbers (normalised, no repeats) and entries that are not numbers.</summary>
    public static (IReadOnlyList<string> Valid, IReadOnlyList<string> Invalid) ParseDestinations(string? text)
    {
        var valid = new List<string>();
        var invalid = new List<string>();
        foreach (var raw in (text ?? "").Split(ListSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var digits = Numbering.NormalizeNumber(raw);
            if (!PlivoSendRules.IsValidNumber(digits) || raw.Any(char.IsAsciiLetter))
            {
                invalid.Add(raw);
            }
            else if (!valid.Contains(digits))
            {
                valid.Add(digits);
            }
        }

        return (valid, invalid);
    }

    private (Dictionary<string, List<string>> Errors, PlivoSendRequest? Request) Check(ComposeRequest r, ComposePreview preview)
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

        if (r.SubmissionKey is not null && !SendSubmissions.IsValidKey(r.SubmissionKey))
        {
            Add(SendOutcome.FormError, $"The form's submission key must be 1 to {SendSubmission.MaxKey} letters, digits, '-' or '_'; reload the page.");
        }

        var senders = Senders;
        var sender = r.Sender?.Trim();
        var isPowerpack = sender?.StartsWith(PowerpackPrefix, StringComparison.Ordinal) == true;
        if (string.IsNullOrEmpty(sender))
        {
            Add(nameof(r.Sender), "Choose a sender: one of your numbers or a Powerpack.");
        }
        else if (senders.Count > 0 && !senders.Any(s => s.Value == (isPowerpack ? sender : Numbering.NormalizeNumber(sender))))
        {
            Add(nameof(r.Sender), "The sender is not one of your configured numbers or Powerpacks.");
        }

        foreach (var bad in preview.InvalidDestinations)
        {
            Add(nameof(r.Destinations), $"'{bad}' is not a number in international format (country code first, e.g. +14155550123).");
        }

        var notOffered = preview.Destinations
            .Where(d => RateCard.Outbound(Numbering.CountryOfNumber(d)?.Iso2, r.Type) is null).ToList();
        if (notOffered.Count > 0)
        {
            Add(nameof(r.Destinations), $"MMS goes to US and Canadian numbers only: {string.Join(", ", notOffered)}.");
        }

        var request = ToPlivoRequest(r, preview.Destinations, isPowerpack ? null : Numbering.NormalizeNumber(sender),
            isPowerpack ? sender![PowerpackPrefix.Length..] : null);
        foreach (var error in PlivoSendRules.Validate(request))
        {
            if (error.Parameter == "src" && errors.ContainsKey(nameof(r.Sender)))
            {
                continue;
            }

            if (error.Parameter == "dst" && preview.InvalidDestinations.Count > 0 && preview.Destinations.Count == 0)
            {
                continue;
            }

            Add(FieldOf(error.Parameter), Sentence(error.Message));
        }

        return (errors, errors.Count == 0 ? request : null);
    }

    private static PlivoSendRequest ToPlivoRequest(ComposeRequest r, IReadOnlyList<string> destinations, string? src, string? powerpack)
    {
        var media = Lines(r.MediaUrls);
        var parameters = Lines(r.TemplateParameters);
        var template = r.Type == MessageType.WhatsApp && !string.IsNullOrWhiteSpace(r.TemplateName)
            ? new PlivoTemplate
            {
                Name = r.TemplateName.Trim(),
                Language = string.IsNullOrWhiteSpace(r.TemplateLanguage) ? null : r.TemplateLanguage.Trim(),
                Components = parameters.Count == 0 ? null :
                [
                    new PlivoTemplateComponent
                    {
                        Type = "body",
                        Parameters = [.. parameters.Select(p => new PlivoTemplateParameter { Type = "text", Text = p })],
                    },
                ],
            }
            : null;
        return new PlivoSendRequest
        {
            Src = src,
            PowerpackUuid = powerpack,
            Dst = string.Join('<', destinations),
            Type = PlivoNames.Of(r.Type),
            Text = string.IsNullOrEmpty(r.Text) ? null : r.Text,
            MediaUrls = media.Count == 0 ? null : media,
            Template = template,
            MessageExpiry = r.ExpirySeconds,
            Log = string.IsNullOrWhiteSpace(r.Log) ? null : r.Log.Trim().ToLowerInvariant(),
            Trackable = r.Trackable ? true : null,
            DltEntityId = NullIfBlank(r.DltEntityId),
            DltTemplateId = NullIfBlank(r.DltTemplateId),
            DltTemplateCategory = NullIfBlank(r.DltTemplateCategory)?.ToLowerInvariant(),
        };
    }

    /// <summary>The destinations nothing may be sent to, each with why: opted out, or (WhatsApp) outside the window.</summary>
    private async Task<List<string>> FindRefusedDestinationsAsync(ComposeRequest request, IReadOnlyList<string> destinations, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return [.. await FindOptedOutAsync(db, request.Sender!, destinations, cancellationToken),
            .. await FindOutsideWindowAsync(db, request, destinations, cancellationToken)];
    }

    private static async Task<List<string>> FindOptedOutAsync(DashboardDb db, string sender, IReadOnlyList<string> destinations, CancellationToken cancellationToken)
    {
        var query = db.OptOuts.AsNoTracking().Where(o => o.IsOptedOut && destinations.Contains(o.ContactNumber));
        if (!sender.StartsWith(PowerpackPrefix, StringComparison.Ordinal))
        {
            // A Powerpack may send from any of our numbers, so for it an opt-out from any of them counts
            // (as a 10DLC campaign's opt-out does); a single number only honours its own.
            var ours = Numbering.NormalizeNumber(sender);
            query = query.Where(o => o.OurNumber == ours);
        }

        var rows = await query.OrderBy(o => o.ContactNumber).ToListAsync(cancellationToken);
        return [.. rows.Select(o => string.Create(CultureInfo.InvariantCulture,
            $"{o.ContactNumber} opted out of messages from {o.OurNumber} ({o.Reason ?? "opt-out"}, {o.ChangedAt:yyyy-MM-dd HH:mm} UTC); remove it to send, or have them text START."))];
    }

    /// <summary>
    /// Free-form WhatsApp (anything but a template) needs each contact's customer-service window with the sending number
    /// to be open: <see cref="ReplyPolicy"/> decides, for compose, the inbox and the demo traffic alike.
    /// </summary>
    private async Task<List<string>> FindOutsideWindowAsync(DashboardDb db, ComposeRequest request, IReadOnlyList<string> destinations, CancellationToken cancellationToken)
    {
        var kind = string.IsNullOrWhiteSpace(request.TemplateName) ? ReplyKind.Text : ReplyKind.Template;
        if (request.Type != MessageType.WhatsApp || kind == ReplyKind.Template)
        {
            return [];
        }

        var sender = request.Sender!.Trim();
        if (sender.StartsWith(PowerpackPrefix, StringComparison.Ordinal))
        {
            // The window is the contact's with one of our numbers, and a Powerpack picks the number itself.
            return ["Free-form WhatsApp goes from the number the contact wrote to: choose that number as the sender, or send an approved template."];
        }

        var ours = Numbering.NormalizeNumber(sender);
        var lastInbound = await db.Conversations.AsNoTracking()
            .Where(c => c.OurNumber == ours && c.Channel == ConversationChannel.WhatsApp && destinations.Contains(c.ContactNumber))
            .ToDictionaryAsync(c => c.ContactNumber, c => c.LastInboundAt, cancellationToken);
        return [.. destinations
            .Select(d => (Destination: d, Verdict: policy.CheckWindow(ConversationChannel.WhatsApp, lastInbound.GetValueOrDefault(d), kind)))
            .Where(v => !v.Verdict.IsAllowed)
            .Select(v => $"{v.Destination}: {v.Verdict.Reason}")];
    }

    /// <summary>With a Powerpack, Plivo picks the sender: ask it which one, so the message lands in the right conversation.</summary>
    private async Task<string> SenderNumberAsync(PlivoSendRequest request, string uuid, CancellationToken cancellationToken)
    {
        if (request.Src is { } src)
        {
            return src;
        }

        try
        {
            return Numbering.NormalizeNumber((await plivo.GetMessageAsync(uuid, cancellationToken)).FromNumber);
        }
        catch (PlivoApiException ex)
        {
            LogSenderUnknown(logger, ex, uuid);
            return "";
        }
    }

    private static OutboundMessage ToOutbound(PlivoSendRequest r, MessageType type, string uuid, string from, string to, string? apiId)
    {
        // What the log option lets us keep is the writer's to decide (LogPrivacy): this is everything we sent.
        var parameters = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parameters.Add(KeyValuePair.Create(key, value));
            }
        }

        Add("api_id", apiId);
        Add("src", r.Src);
        Add("powerpack_uuid", r.PowerpackUuid);
        Add("dst", to);
        Add("type", r.Type);
        Add("text", r.Text);
        Add("media_urls", r.MediaUrls is { Count: > 0 } m ? string.Join(",", m) : null);
        Add("template", r.Template is null ? null : JsonSerializer.Serialize(r.Template, PlivoClient.Json));
        Add("url", r.Url);
        Add("method", r.Method);
        Add("log", r.Log);
        Add("trackable", r.Trackable is true ? "true" : null);
        Add("message_expiry", r.MessageExpiry?.ToString(CultureInfo.InvariantCulture));
        Add("dlt_entity_id", r.DltEntityId);
        Add("dlt_template_id", r.DltTemplateId);
        Add("dlt_template_category", r.DltTemplateCategory);
        return new OutboundMessage
        {
            MessageUuid = uuid,
            From = from,
            To = to,
            Type = type,
            Text = r.Text,
            PowerpackUuid = r.PowerpackUuid,
            Log = r.Log ?? "true",
            MediaUrls = r.MediaUrls ?? [],
            Request = parameters,
        };
    }

    private static SendOutcome Refused(Dictionary<string, List<string>> errors, ComposePreview preview) =>
        new(errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value), [], [], preview.Cost);

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

    /// <summary>Plivo's messages are fragments that start with a parameter name (kept as is); the form ends them with a period.</summary>
    private static string Sentence(string message) => message.EndsWith('.') ? message : message + ".";

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split(['\n', '\r'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string FormatSender(string number)
    {
        var digits = Numbering.NormalizeNumber(number);
        var country = Numbering.CountryOfNumber(digits);
        return country is null ? digits : $"+{digits} ({country.Iso2})";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} {Type} message(s) through Plivo (api_id {ApiId})")]
    private static partial void LogSent(ILogger logger, int count, string type, string? apiId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plivo refused a send ({Status}): {Error}")]
    private static partial void LogRefused(ILogger logger, Exception exception, int status, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not learn the Powerpack sender of {MessageUuid}; it is stored without one until its callbacks arrive")]
    private static partial void LogSenderUnknown(ILogger logger, Exception exception, string messageUuid);
}
