using System.Collections.Concurrent;
using System.Globalization;
using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Sending;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Simulator;

/// <summary>The simulated Plivo's answer to a send: the 202 body, or a 400 error body.</summary>
public sealed record SimulatorSendResult(PlivoSendResponse? Accepted, PlivoErrorBody? Error);

/// <summary>
/// A Plivo stand-in inside this app: it accepts sends with Plivo's rules, keeps its own message records, drives
/// each message through a realistic lifecycle and calls the request's <c>url</c> back with signed status
/// callbacks, and makes up inbound traffic (<see cref="SendInboundAsync"/>). Every choice comes from a seeded
/// <see cref="Random"/> (per message: the seed and the message's ordinal), every wait from <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class PlivoSimulator
{
    private const int MaxConversations = 10_000;

    private readonly IOptionsMonitor<SimulatorOptions> _options;
    private readonly IOptionsMonitor<PlivoOptions> _plivo;
    private readonly PlivoAddresses _addresses;
    private readonly SimulatorCallbacks _callbacks;
    private readonly TimeProvider _time;
    private readonly CancellationToken _stopping;
    private readonly ILogger<PlivoSimulator> _logger;
    private readonly SimulatorStore _store;
    private readonly ConcurrentDictionary<(string Our, string Contact), bool> _optedOut = new();
    private readonly ConcurrentDictionary<(string Our, string Contact), WhatsAppConversation> _conversations = new();

    /// <summary>When each user last wrote to one of our numbers on WhatsApp: what opens their customer-service window.</summary>
    private readonly ConcurrentDictionary<(string Our, string Contact), DateTime> _lastWhatsAppFromUser = new();
    private readonly Lazy<IReadOnlyList<string>> _contacts;
    private long _ordinal;

    public PlivoSimulator(
        IOptionsMonitor<SimulatorOptions> options,
        IOptionsMonitor<PlivoOptions> plivo,
        PlivoAddresses addresses,
        SimulatorCallbacks callbacks,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        ILogger<PlivoSimulator> logger)
    {
        _options = options;
        _plivo = plivo;
        _addresses = addresses;
        _callbacks = callbacks;
        _time = time;
        _stopping = lifetime.ApplicationStopping;
        _logger = logger;
        _store = new SimulatorStore(options.CurrentValue.MaxMessages);
        _inboundRng = new Random(unchecked(options.CurrentValue.Seed * 31 + 7));
        _contacts = new(() => DemoContent.Contacts(options.CurrentValue.Seed, 400,
            plivo.CurrentValue.Numbers.Select(Numbering.NormalizeNumber).ToHashSet()));
    }

    /// <summary>Whether the simulator runs in this app (see <see cref="SimulatorOptions.Enabled"/>).</summary>
    public bool Enabled => _options.CurrentValue.IsEnabled(_plivo.CurrentValue);

    /// <summary>How many message records it holds.</summary>
    public int Count => _store.Count;

    /// <summary>The made-up customers of the demo traffic, fixed by the seed.</summary>
    public IReadOnlyList<string> Contacts => _contacts.Value;

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
        LogAccepted(_logger, uuids.Count, request.Type ?? "sms");
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
        _store.Find(messageUuid)?.Snapshot is { } mdr ? mdr with { ApiId = Guid.NewGuid().ToString() } : null;

    /// <summary>The List Messages API: newest first, Plivo's filters, limit/offset, relative next/previous links.</summary>
    public PlivoList<PlivoMessage> List(MessageFilter filter, IEnumerable<KeyValuePair<string, string>> query)
    {
        var (page, total) = _store.List(filter, _time.GetUtcNow().UtcDateTime);
        var kept = query.Where(q => q.Key is not ("limit" or "offset")).ToList();
        string Link(int offset) => QueryHelpers.AddQueryString(
            $"/v1/Account/{_plivo.CurrentValue.AuthId}/Message/",
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

    /// <summary>
    /// True once a message's lifecycle has ended and all its callbacks were delivered (or given up on): its
    /// record will not change any more. False for unknown messages.
    /// </summary>
    public bool IsSettled(string messageUuid) => _store.Find(messageUuid)?.Settled ?? false;

    /// <summary>The media of one message; null when the message is unknown.</summary>
    public PlivoMediaList? Media(string messageUuid) =>
        _store.Find(messageUuid) is { } m ? new PlivoMediaList { ApiId = Guid.NewGuid().ToString(), Objects = m.Media } : null;

    /// <summary>
    /// The contacts whose WhatsApp customer-service window with <paramref name="ourNumber"/> is open now: they wrote to it
    /// in the last 24 hours, so free-form messages may go to them.
    /// </summary>
    public IReadOnlyList<string> ContactsWithOpenWindow(string ourNumber)
    {
        var now = _time.GetUtcNow();
        var ours = Numbering.NormalizeNumber(ourNumber);
        return [.. _lastWhatsAppFromUser
            .Where(w => w.Key.Our == ours && ConversationWindow.Compute(ConversationChannel.WhatsApp, w.Value, now).IsOpen)
            .Select(w => w.Key.Contact).Order(StringComparer.Ordinal)];
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

        var now = _time.GetUtcNow();

        // A Powerpack picks its own number, and the window is the user's with one number: nothing tells it is open.
        var from = request.Src is { } src ? Numbering.NormalizeNumber(src) : null;
        var closed = destinations.Where(d => from is null || !ConversationWindow.Compute(ConversationChannel.WhatsApp,
            _lastWhatsAppFromUser.TryGetValue((from, d), out var wrote) ? wrote : null, now).IsOpen).ToList();
        return closed.Count == 0
            ? null
            : $"free-form whatsapp messages can only be sent within 24 hours of the user's last message; use a template to reach {string.Join(", ", closed)}";
    }

    private string? PowerpackError(PlivoSendRequest request)
    {
        var powerpacks = _plivo.CurrentValue.Powerpacks;
        return request.PowerpackUuid is { } p && powerpacks.Count > 0
            && !powerpacks.Any(x => string.Equals(x.Trim(), p.Trim(), StringComparison.OrdinalIgnoreCase))
            ? $"powerpack_uuid {p} is not a Powerpack of this account"
            : null;
    }

    private string Accept(PlivoSendRequest request, string to, string? requesterIp)
    {
        var o = _options.CurrentValue;
        var ordinal = Interlocked.Increment(ref _ordinal);
        var rng = new Random(unchecked(o.Seed * 1_000_003 + (int)ordinal));
        var now = _time.GetUtcNow().UtcDateTime;
        PlivoNames.TryParseType(request.Type, out var type);
        var country = Numbering.CountryOfNumber(to)?.Iso2;
        var from = request.Src is { } src ? Numbering.NormalizeNumber(src) : PowerpackNumber(rng, country);
        var (network, networkIndex) = CarrierModel.NetworkOf(to, country);
        var uuid = Guid.NewGuid().ToString();

        var units = type == MessageType.Sms ? SmsEncoding.Units(request.Text) : 1;
        var category = type == MessageType.WhatsApp ? RateCard.WhatsAppCategoryOf(request.Template?.Name) : null;
        var conversation = type == MessageType.WhatsApp ? OpenConversation(rng, from, to, category!, now) : null;
        var rate = RateCard.Outbound(country, type, category) ?? 0;
        var log = request.Log?.Trim().ToLowerInvariant() ?? "true";
        var fromCountry = Numbering.CountryOfNumber(from)?.Iso2;
        var tenDlc = country == "US" && from.Length == 11 && from[0] == '1' && fromCountry == "US";
        var mdr = new PlivoMessage
        {
            MessageUuid = uuid,
            MessageDirection = "outbound",
            MessageState = "queued",
            MessageType = PlivoNames.Of(type),
            MessageTime = PlivoTime.Format(now),
            MessageUpdatedTime = PlivoTime.Format(now),
            FromNumber = from,
            ToNumber = LogPrivacy.Number(to, log),
            Units = units,
            TotalRate = PlivoAmount.Format(rate),
            TotalAmount = PlivoAmount.Format(rate * units),
            Mcc = network?.Mcc,
            Mnc = network?.Mnc,
            DestinationCountryIso2 = country,
            DestinationNetwork = network?.Name,
            PowerpackId = request.PowerpackUuid,
            ResourceUri = $"/v1/Account/{_plivo.CurrentValue.AuthId}/Message/{uuid}/",
            IsDomestic = country is not null && country == fromCountry,
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
        _store.Add(message);

        var plan = CarrierModel.Plan(rng, new PlanInput(
            type, from, to, country, request.MessageExpiry,
            _optedOut.TryGetValue((from, to), out var optedOut) && optedOut,
            country is not null && o.BarredCountrySet.Contains(country),
            networkIndex), o);
        var callbackUrl = Uri.TryCreate(request.Url, UriKind.Absolute, out var url) ? url : null;
        RunHeld(message, () => RunLifecycleAsync(message, plan, callbackUrl, request.Method, conversation, _stopping));
        return uuid;
    }

    /// <summary>The number a Powerpack sends from: one of ours in the destination's country if we have one, else a US one.</summary>
    private string PowerpackNumber(Random rng, string? country)
    {
        var numbers = _plivo.CurrentValue.Numbers.Select(Numbering.NormalizeNumber).Where(n => n.All(char.IsAsciiDigit)).ToList();
        if (numbers.Count == 0)
        {
            return "14155550100";
        }

        var local = numbers.Where(n => Numbering.CountryOfNumber(n)?.Iso2 == country).ToList();
        var pool = local.Count > 0 ? local : numbers.Where(n => Numbering.CountryOfNumber(n)?.Iso2 == "US").DefaultIfEmpty(numbers[0]).ToList();
        return pool[rng.Next(pool.Count)];
    }

    private async Task RunLifecycleAsync(
        SimulatedMessage message, LifecyclePlan plan, Uri? callbackUrl, string? method, WhatsAppConversation? conversation, CancellationToken ct)
    {
        var times = new CallbackTimes(message.CreatedAt);
        var sequence = 0;
        var sentCallbackDelay = TimeSpan.Zero;

        void Emit(PlivoMessage mdr, TimeSpan delay)
        {
            sequence++;
            if (callbackUrl is null)
            {
                return;
            }

            var parameters = StatusParameters(mdr, message.To, sequence, times, conversation);
            var copies = plan.DuplicateSequences.Contains(sequence) ? 2 : 1;
            for (var copy = 0; copy < copies; copy++)
            {
                var wait = delay + (copy == 0 ? TimeSpan.Zero : plan.Queue * 3);
                RunHeld(message, async () =>
                {
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, _time, ct);
                    }

                    await _callbacks.DeliverAsync(callbackUrl, method, parameters, ct);
                });
            }
        }

        await Task.Delay(plan.Queue, _time, ct);
        times.Queued = Now();
        Emit(message.Snapshot, TimeSpan.Zero);

        await Task.Delay(plan.Dispatch, _time, ct);
        if (plan.Outcome == SimulatedOutcome.Failed)
        {
            // Plivo does not charge for failed messages.
            Emit(message.Update(m => m with
            {
                MessageState = "failed",
                ErrorCode = plan.ErrorCode,
                ErrorMessage = PlivoErrorCodes.Describe(plan.ErrorCode).Name,
                TotalAmount = PlivoAmount.Format(0L),
                MessageUpdatedTime = PlivoTime.Format(Now()),
            }), TimeSpan.Zero);
            return;
        }

        times.Sent = Now();
        if (plan.SentArrivesLate)
        {
            // Held back until after the final callback, as a retried callback would be.
            sentCallbackDelay = plan.Receipt + plan.Queue * 4;
        }

        Emit(message.Update(m => m with
        {
            MessageState = "sent",
            MessageSentTime = PlivoTime.Format(times.Sent.Value),
            MessageUpdatedTime = PlivoTime.Format(times.Sent.Value),
        }), sentCallbackDelay);
        if (plan.Outcome == SimulatedOutcome.SentOnly)
        {
            return;
        }

        await Task.Delay(plan.Receipt, _time, ct);
        times.Report = Now();
        var delivered = plan.Outcome == SimulatedOutcome.Delivered;
        Emit(message.Update(m => m with
        {
            MessageState = delivered ? "delivered" : "undelivered",
            ErrorCode = delivered ? "000" : plan.ErrorCode,
            ErrorMessage = delivered ? null : PlivoErrorCodes.Describe(plan.ErrorCode).Name,
            MessageUpdatedTime = PlivoTime.Format(times.Report.Value),
        }), TimeSpan.Zero);
        if (!plan.WillBeRead)
        {
            return;
        }

        await Task.Delay(plan.Read, _time, ct);
        Emit(message.Update(m => m with { MessageState = "read", MessageUpdatedTime = PlivoTime.Format(Now()) }), TimeSpan.Zero);
    }

    /// <summary>A status callback with every attribute of Plivo's documentation (docs/plivo/status-callbacks.md), empty where it does not apply.</summary>
    private static List<KeyValuePair<string, string>> StatusParameters(
        PlivoMessage m, string to, int sequence, CallbackTimes times, WhatsAppConversation? conversation)
    {
        static string Time(DateTime? t) => t is { } v ? PlivoTime.FormatCallback(v) : "";
        var failure = m.MessageState is "failed" or "undelivered";
        return
        [
            new("MessageUUID", m.MessageUuid),
            new("To", to),
            new("From", m.FromNumber),
            new("Type", m.MessageType),
            new("Status", m.MessageState),
            new("ConversationExpirationTimestamp", conversation is null ? "" : new DateTimeOffset(conversation.ExpiresAt).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new("ConversationOrigin", conversation?.Origin ?? ""),
            new("ConversationID", conversation?.Id ?? ""),
            new("Units", m.Units.ToString(CultureInfo.InvariantCulture)),
            new("TotalRate", m.TotalRate),
            new("TotalAmount", m.TotalAmount),
            new("MCC", m.Mcc ?? ""),
            new("MNC", m.Mnc ?? ""),
            new("ErrorCode", failure ? m.ErrorCode ?? "" : m.MessageState is "delivered" or "read" ? "000" : ""),
            new("ParentMessageUUID", m.MessageUuid),
            new("PartInfo", ""),
            new("Sequence", sequence.ToString(CultureInfo.InvariantCulture)),
            new("MessageTime", Time(times.Message)),
            new("QueuedTime", Time(times.Queued)),
            new("SentTime", Time(times.Sent)),
            new("DeliveryReportTime", Time(times.Report)),
            new("requester_ip", m.RequesterIp ?? ""),
            new("PowerpackUUID", m.PowerpackId ?? ""),
        ];
    }

    /// <summary>Opens (or renews) the user's customer-service window with our number: they just wrote on WhatsApp.</summary>
    private void RememberWhatsAppFromUser(string ours, string contact, DateTime at)
    {
        if (_lastWhatsAppFromUser.Count > MaxConversations)
        {
            // Forget windows long closed so a long demo run does not grow without bound.
            foreach (var (key, wrote) in _lastWhatsAppFromUser.Where(w => w.Value + ConversationWindow.Length <= at).ToList())
            {
                _lastWhatsAppFromUser.TryRemove(KeyValuePair.Create(key, wrote));
            }
        }

        _lastWhatsAppFromUser[(ours, contact)] = at;
    }

    /// <summary>
    /// The WhatsApp conversation a message belongs to: the open one with this contact when it has the same
    /// category (or the message is a free-form reply inside it), else a new one that is open for 24 hours.
    /// </summary>
    private WhatsAppConversation OpenConversation(Random rng, string from, string to, string category, DateTime now)
    {
        if (_conversations.Count > MaxConversations)
        {
            // Forget expired conversations so a long demo run does not grow without bound.
            foreach (var (key, expired) in _conversations.Where(c => c.Value.ExpiresAt <= now).ToList())
            {
                _conversations.TryRemove(KeyValuePair.Create(key, expired));
            }
        }

        var fresh = new WhatsAppConversation(Convert.ToHexStringLower(RandomBytes(rng, 16)), category, now.AddHours(24));
        return _conversations.AddOrUpdate((from, to), fresh,
            (_, open) => open.ExpiresAt > now && (open.Origin == category || category == RateCard.Service) ? open : fresh);
    }

    private static byte[] RandomBytes(Random rng, int count)
    {
        var bytes = new byte[count];
        rng.NextBytes(bytes);
        return bytes;
    }

    private DateTime Now() => _time.GetUtcNow().UtcDateTime;

    /// <summary>Runs background work for a message, counted in its <see cref="SimulatedMessage.Settled"/>, never throwing.</summary>
    private void RunHeld(SimulatedMessage message, Func<Task> work)
    {
        message.Hold();
        _ = RunGuardedAsync(work, message.Release);
    }

    private async Task RunGuardedAsync(Func<Task> work, Action done)
    {
        try
        {
            await work();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The app is stopping.
        }
        catch (Exception ex)
        {
            LogLifecycleFailed(_logger, ex);
        }
        finally
        {
            done();
        }
    }

    private sealed record WhatsAppConversation(string Id, string Origin, DateTime ExpiresAt);

    private sealed class CallbackTimes(DateTime message)
    {
        public DateTime Message { get; } = message;

        public DateTime? Queued { get; set; }

        public DateTime? Sent { get; set; }

        public DateTime? Report { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulator accepted {Count} {Type} message(s)")]
    private static partial void LogAccepted(ILogger logger, int count, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A simulated message lifecycle failed")]
    private static partial void LogLifecycleFailed(ILogger logger, Exception exception);
}
