using System.Globalization;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Sending;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Simulator;

/// <summary>The simulated Plivo's answer to a send: the 202 body, or a 400 error body.</summary>
public sealed record SimulatorSendResult(PlivoSendResponse? Accepted, PlivoErrorBody? Error);

/// <summary>
/// A Plivo stand-in inside this app, its Message API: it accepts sends with Plivo's rules (and WhatsApp's window),
/// keeps its own message records and answers get, list and media from them. Each accepted message's fate is decided by
/// <see cref="CarrierModel"/> and played by <see cref="MessageLifecycle"/>; inbound traffic comes from
/// <see cref="InboundTraffic"/>. Every choice comes from a seeded <see cref="Random"/> (per message: the seed and the
/// message's ordinal), every wait from <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class PlivoSimulator(
    IOptionsMonitor<SimulatorOptions> options,
    IOptionsMonitor<PlivoOptions> plivo,
    SimulatorStore store,
    SimulatorContacts contacts,
    StagedOutages outages,
    MessageLifecycle lifecycle,
    TimeProvider time,
    ILogger<PlivoSimulator> logger)
{
    private long _ordinal;

    /// <summary>Whether the simulator runs in this app (see <see cref="SimulatorOptions.Enabled"/>).</summary>
    public bool Enabled => options.CurrentValue.IsEnabled(plivo.CurrentValue);

    /// <summary>How many message records it holds.</summary>
    public int Count => store.Count;

    /// <summary>Accepts a send as Plivo would (or refuses it with Plivo's 400 error) and starts each message's lifecycle.</summary>
    public SimulatorSendResult Send(PlivoSendRequest request, string? requesterIp)
    {
        var apiId = Guid.NewGuid().ToString();
        var error = PlivoSendRules.Validate(request).FirstOrDefault()?.Message ?? PowerpackError(request);
        if (error is not null)
        {
            return new SimulatorSendResult(null, new PlivoErrorBody { ApiId = apiId, Error = error });
        }

        var destinations = PlivoSendRules.SplitDestinations(request.Dst);
        var invalid = destinations.Where(d => !PlivoSendRules.IsValidNumber(d)).ToList();
        var valid = destinations.Where(PlivoSendRules.IsValidNumber).ToList();
        if (valid.Count == 0)
        {
            return new SimulatorSendResult(null, new PlivoErrorBody { ApiId = apiId, Error = "dst parameter is invalid: no valid destination number" });
        }

        if (OutsideWindowError(request, valid) is { } outsideWindow)
        {
            return new SimulatorSendResult(null, new PlivoErrorBody { ApiId = apiId, Error = outsideWindow });
        }

        var uuids = valid.Select(dst => Accept(request, dst, requesterIp)).ToList();
        LogAccepted(logger, uuids.Count, request.Type ?? "sms");
        return new SimulatorSendResult(new PlivoSendResponse
        {
            ApiId = apiId,
            Message = "message(s) queued",
            MessageUuid = uuids,
            InvalidNumber = invalid.Count > 0 ? invalid : null,
        }, null);
    }

    /// <summary>One message record, as the Get Message API answers it; null when unknown (or forgotten).</summary>
    public PlivoMessage? Get(string messageUuid) =>
        store.Find(messageUuid)?.Snapshot is { } mdr ? mdr with { ApiId = Guid.NewGuid().ToString() } : null;

    /// <summary>The List Messages API: newest first, Plivo's filters, limit/offset, relative next/previous links.</summary>
    public PlivoList<PlivoMessage> List(MessageFilter filter, IEnumerable<KeyValuePair<string, string>> query)
    {
        var (page, total) = store.List(filter, time.GetUtcNow().UtcDateTime);
        var kept = query.Where(q => q.Key is not ("limit" or "offset")).ToList();
        string Link(int offset) => QueryHelpers.AddQueryString(
            $"/v1/Account/{plivo.CurrentValue.AuthId}/Message/",
            [.. kept.Select(q => KeyValuePair.Create(q.Key, (string?)q.Value)),
                KeyValuePair.Create("limit", (string?)filter.Limit.ToString(CultureInfo.InvariantCulture)),
                KeyValuePair.Create("offset", (string?)offset.ToString(CultureInfo.InvariantCulture))]);
        return new PlivoList<PlivoMessage>
        {
            ApiId = Guid.NewGuid().ToString(),
            Meta = new PlivoListMeta
            {
                Limit = filter.Limit,
                Offset = filter.Offset,
                TotalCount = total,
                Next = filter.Offset + filter.Limit < total ? Link(filter.Offset + filter.Limit) : null,
                Previous = filter.Offset > 0 ? Link(Math.Max(0, filter.Offset - filter.Limit)) : null,
            },
            Objects = page,
        };
    }

    /// <summary>The media of one message; null when the message is unknown.</summary>
    public PlivoMediaList? Media(string messageUuid) =>
        store.Find(messageUuid) is { } m ? new PlivoMediaList { ApiId = Guid.NewGuid().ToString(), Objects = m.Media } : null;

    /// <summary>
    /// A new message record (MDR) as Plivo keeps it, outbound or inbound: the one place the simulator makes one.
    /// The destination country is <paramref name="to"/>'s; domestic when <paramref name="from"/> is in the same one.
    /// </summary>
    internal PlivoMessage NewRecord(string uuid, MessageDirection direction, MessageType type, string from, string to, int units, long rate,
        string? powerpackId, DateTime now)
    {
        var country = Numbering.CountryOfNumber(to)?.Iso2;
        return new PlivoMessage
        {
            MessageUuid = uuid,
            MessageDirection = PlivoNames.Of(direction),
            MessageState = direction == MessageDirection.Inbound ? "received" : "queued",
            MessageType = PlivoNames.Of(type),
            MessageTime = PlivoTime.Format(now),
            MessageUpdatedTime = PlivoTime.Format(now),
            FromNumber = from,
            ToNumber = to,
            Units = units,
            TotalRate = PlivoAmount.Format(rate),
            TotalAmount = PlivoAmount.Format(rate * units),
            DestinationCountryIso2 = country,
            PowerpackId = powerpackId,
            ResourceUri = $"/v1/Account/{plivo.CurrentValue.AuthId}/Message/{uuid}/",
            IsDomestic = country is not null && country == Numbering.CountryOfNumber(from)?.Iso2,
        };
    }

    /// <summary>
    /// WhatsApp takes free-form content (text, media, interactive, location: anything but a template) only inside the
    /// 24-hour window the user's last message opened (docs/plivo/whatsapp.md). Refused as a 400, as the dashboard should
    /// have refused it first, so a send that slipped past it cannot look delivered in the demo.
    /// </summary>
    private string? OutsideWindowError(PlivoSendRequest request, IReadOnlyList<string> destinations)
    {
        if (!PlivoNames.TryParseType(request.Type, out var type) || type != MessageType.WhatsApp || request.Template is not null)
        {
            return null;
        }

        // A Powerpack picks its own number, and the window is the user's with one number: nothing tells it is open.
        var from = request.Src is { } src ? Numbering.NormalizeNumber(src) : null;
        var closed = destinations.Where(d => from is null || !contacts.IsWindowOpen(from, d)).ToList();
        return closed.Count == 0
            ? null
            : $"free-form whatsapp messages can only be sent within 24 hours of the user's last message; use a template to reach {string.Join(", ", closed)}";
    }

    private string? PowerpackError(PlivoSendRequest request)
    {
        var powerpacks = plivo.CurrentValue.Powerpacks;
        return request.PowerpackUuid is { } p && powerpacks.Count > 0
            && !powerpacks.Any(x => string.Equals(x.Trim(), p.Trim(), StringComparison.OrdinalIgnoreCase))
            ? $"powerpack_uuid {p} is not a Powerpack of this account"
            : null;
    }

    /// <summary>Keeps the record of one accepted message, has the carrier model decide its fate, and starts its lifecycle.</summary>
    private string Accept(PlivoSendRequest request, string to, string? requesterIp)
    {
        var o = options.CurrentValue;
        var ordinal = Interlocked.Increment(ref _ordinal);
        var rng = new Random(unchecked(o.Seed * 1_000_003 + (int)ordinal));
        var now = time.GetUtcNow().UtcDateTime;
        PlivoNames.TryParseType(request.Type, out var type);
        var country = Numbering.CountryOfNumber(to)?.Iso2;
        var from = request.Src is { } src ? Numbering.NormalizeNumber(src) : PowerpackNumber(rng, country);
        var (network, networkIndex) = CarrierModel.NetworkOf(to, country);
        var uuid = Guid.NewGuid().ToString();

        var units = type == MessageType.Sms ? SmsEncoding.Units(request.Text) : 1;
        var category = type == MessageType.WhatsApp ? RateCard.WhatsAppCategoryOf(request.Template?.Name) : null;
        var conversation = type == MessageType.WhatsApp ? contacts.Conversation(rng, from, to, category!, now) : null;
        var log = request.Log?.Trim().ToLowerInvariant() ?? "true";
        var tenDlc = country == "US" && from.Length == 11 && from[0] == '1' && Numbering.CountryOfNumber(from)?.Iso2 == "US";
        var mdr = NewRecord(uuid, MessageDirection.Outbound, type, from, to, units, RateCard.Outbound(country, type, category) ?? 0,
            request.PowerpackUuid, now) with
        {
            ToNumber = LogPrivacy.Number(to, log),
            Mcc = network?.Mcc,
            Mnc = network?.Mnc,
            DestinationNetwork = network?.Name,
            TendlcCampaignId = tenDlc ? "CSIMUL8" : null,
            TendlcRegistrationStatus = tenDlc ? "registered" : null,
            DltEntityId = request.DltEntityId ?? "",
            DltTemplateId = request.DltTemplateId ?? "",
            DltTemplateCategory = request.DltTemplateCategory ?? "",
            ConversationId = conversation?.Id,
            ConversationOrigin = conversation?.Origin,
            ConversationExpiryTime = conversation is null ? null : PlivoTime.FormatCallback(conversation.ExpiresAt),
            RequesterIp = requesterIp,
            Log = log,
        };
        var media = (request.MediaUrls ?? []).Select((url, i) => new PlivoMedia
        {
            ContentType = SimulatorMedia.ContentTypeOf(url),
            MediaId = $"{uuid[..8]}-{i + 1}",
            MediaUrl = url,
            MessageUuid = uuid,
            Size = rng.Next(20_000, 900_000),
        }).ToList();
        var message = new SimulatedMessage(mdr, to, media, now);
        store.Add(message);

        var plan = CarrierModel.Plan(rng, new PlanInput(
            type, from, to, country, request.MessageExpiry, contacts.IsOptedOut(from, to),
            country is not null && o.BarredCountrySet.Contains(country), networkIndex,
            outages.Current is { } outage && outage.Affects(type, from, network) ? outage : null), o);
        var callbackUrl = Uri.TryCreate(request.Url, UriKind.Absolute, out var url) ? url : null;
        lifecycle.Start(message, plan, callbackUrl, request.Method, conversation);
        return uuid;
    }

    /// <summary>The number a Powerpack sends from: one of ours in the destination's country if we have one, else a US one.</summary>
    private string PowerpackNumber(Random rng, string? country)
    {
        var numbers = plivo.CurrentValue.PhoneNumbers();
        if (numbers.Count == 0)
        {
            return "14155550100";
        }

        var local = numbers.Where(n => Numbering.CountryOfNumber(n)?.Iso2 == country).ToList();
        var pool = local.Count > 0 ? local : numbers.Where(n => Numbering.CountryOfNumber(n)?.Iso2 == "US").DefaultIfEmpty(numbers[0]).ToList();
        return pool[rng.Next(pool.Count)];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulator accepted {Count} {Type} message(s)")]
    private static partial void LogAccepted(ILogger logger, int count, string type);
}
