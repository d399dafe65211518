using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Sending;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Simulator;

/// <summary>The kinds of inbound message the simulator makes up.</summary>
public enum SimulatedInboundKind
{
    Sms,
    LongSms,
    Mms,
    WhatsAppText,
    WhatsAppButton,
    WhatsAppMedia,
    Stop,
    Start,
    Help,

    /// <summary>Free text that asks to stop ("please stop texting me"): not a keyword, so Plivo does not act on it.</summary>
    OptOutPhrase,
}

/// <summary>An inbound message the simulator sent to the app: its parameters and how the webhook went.</summary>
public sealed record SimulatedInbound(
    string MessageUuid,
    SimulatedInboundKind Kind,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    CallbackDelivery Delivery);

/// <summary>
/// The simulated Plivo's inbound traffic: made-up messages from contacts to our numbers — mostly replies to recent
/// outbound ones — posted, signed, to the app's inbound webhook with Plivo's retries. What they say changes what the
/// simulated Plivo remembers (<see cref="SimulatorContacts"/>: STOP, START, WhatsApp windows), and the Message XML the
/// app answers with is sent on through the Message API.
/// </summary>
public sealed partial class InboundTraffic(
    PlivoSimulator api,
    SimulatorStore store,
    SimulatorContacts contacts,
    SimulatorCallbacks callbacks,
    PlivoAddresses addresses,
    IOptionsMonitor<SimulatorOptions> options,
    IOptionsMonitor<PlivoOptions> plivo,
    TimeProvider time,
    ILogger<InboundTraffic> logger)
{
    private static readonly (string Value, int Weight)[] KindWeights =
    [
        (nameof(SimulatedInboundKind.Sms), 40), (nameof(SimulatedInboundKind.LongSms), 5), (nameof(SimulatedInboundKind.Mms), 8),
        (nameof(SimulatedInboundKind.WhatsAppText), 12), (nameof(SimulatedInboundKind.WhatsAppButton), 8),
        (nameof(SimulatedInboundKind.WhatsAppMedia), 4), (nameof(SimulatedInboundKind.Stop), 6), (nameof(SimulatedInboundKind.Start), 3),
        (nameof(SimulatedInboundKind.Help), 4), (nameof(SimulatedInboundKind.OptOutPhrase), 4),
    ];

    private static readonly string[] MmsCaptions = ["Here's the photo", "This is what arrived", "", "See attached", "Is this the right one?"];

    private readonly Random _rng = new(unchecked(options.CurrentValue.Seed * 31 + 7));
    private readonly Lock _gate = new();

    /// <summary>
    /// Makes up one inbound message — mostly a reply to a recent outbound one, from its recipient to its sender —
    /// and posts it, signed, to the app's inbound webhook (<c>/plivo/inbound</c>), with Plivo's retries. STOP and
    /// START change who the simulated Plivo will deliver to (error 200); a Message XML answer is sent on.
    /// </summary>
    /// <param name="kind">The kind to make; null picks one at random with realistic weights.</param>
    /// <param name="replyToMessageUuid">An outbound message whose recipient answers; null picks a recent one.</param>
    /// <returns>Null when there is nobody to make a message between (no numbers configured).</returns>
    public async Task<SimulatedInbound?> SendInboundAsync(
        SimulatedInboundKind? kind = null, string? replyToMessageUuid = null, CancellationToken cancellationToken = default)
    {
        (SimulatedMessage Message, List<KeyValuePair<string, string>> Parameters, SimulatedInboundKind Kind)? draft;
        lock (_gate)
        {
            draft = Draft(_rng, kind ?? Enum.Parse<SimulatedInboundKind>(DemoContent.Weighted(_rng, KindWeights)),
                replyToMessageUuid is null ? null : store.Find(replyToMessageUuid));
        }

        if (draft is not { } d)
        {
            return null;
        }

        store.Add(d.Message);
        if (d.Message.Snapshot is { MessageType: "whatsapp" } whatsApp)
        {
            // The window opens when the user's message reaches WhatsApp, whatever our webhook answers.
            contacts.WroteOnWhatsApp(d.Message.To, whatsApp.FromNumber, d.Message.CreatedAt);
        }

        var delivery = await callbacks.DeliverAsync(addresses.InboundUrl, "POST", d.Parameters, cancellationToken);
        d.Message.Update(m => m with { MessageState = delivery.Delivered ? "delivered" : "undelivered", MessageUpdatedTime = PlivoTime.Format(time.GetUtcNow().UtcDateTime) });
        if (delivery.Delivered)
        {
            // The acknowledgement of a STOP may still go out (docs/plivo/inbound-messages.md), so it is sent before the opt-out counts.
            ExecuteReplyXml(delivery.Body);
            RememberKeyword(d.Parameters);
        }

        return new SimulatedInbound(d.Message.Uuid, d.Kind, d.Parameters, delivery);
    }

    private (SimulatedMessage Message, List<KeyValuePair<string, string>> Parameters, SimulatedInboundKind Kind)? Draft(
        Random rng, SimulatedInboundKind kind, SimulatedMessage? answering)
    {
        var whatsApp = kind is SimulatedInboundKind.WhatsAppText or SimulatedInboundKind.WhatsAppButton or SimulatedInboundKind.WhatsAppMedia;
        var (ours, contact, replyTo) = answering is { Snapshot.MessageDirection: "outbound" }
            ? (answering.Snapshot.FromNumber, answering.To, answering.Snapshot)
            : Counterpart(rng, kind, whatsApp);
        if (ours is null)
        {
            return null;
        }

        if (whatsApp && replyTo?.MessageType != "whatsapp")
        {
            // Nobody to answer on WhatsApp yet: answer by SMS instead.
            kind = SimulatedInboundKind.Sms;
            whatsApp = false;
        }

        var type = whatsApp ? MessageType.WhatsApp : kind == SimulatedInboundKind.Mms ? MessageType.Mms : MessageType.Sms;
        var text = kind switch
        {
            SimulatedInboundKind.Stop => DemoContent.Stop(rng),
            SimulatedInboundKind.Start => DemoContent.Start(rng),
            SimulatedInboundKind.Help => DemoContent.Help(rng),
            SimulatedInboundKind.OptOutPhrase => DemoContent.OptOutPhrase(rng),
            SimulatedInboundKind.LongSms => DemoContent.SmsText(rng) + " " + DemoContent.Reply(rng) + " " + DemoContent.Reply(rng),
            SimulatedInboundKind.Mms => DemoContent.Pick(rng, MmsCaptions),
            SimulatedInboundKind.WhatsAppMedia => "",
            _ => DemoContent.Reply(rng),
        };

        var uuid = Guid.NewGuid().ToString();
        var now = time.GetUtcNow().UtcDateTime;
        var ourCountry = Numbering.CountryOfNumber(ours)?.Iso2;
        var units = type == MessageType.Sms ? SmsEncoding.Units(text) : 1;
        var rate = RateCard.Inbound(ourCountry, type);
        var media = kind is SimulatedInboundKind.Mms or SimulatedInboundKind.WhatsAppMedia
            ? Enumerable.Range(1, kind == SimulatedInboundKind.Mms ? rng.Next(1, 4) : 1).Select(i =>
            {
                var name = $"in-{uuid[..8]}-{i}.svg";
                return new PlivoMedia
                {
                    ContentType = SimulatorMedia.ContentType,
                    MediaId = $"{uuid[..8]}-{i}",
                    MediaUrl = new Uri(addresses.SimulatorMediaBase, name).ToString(),
                    MessageUuid = uuid,
                    Size = SimulatorMedia.Render(name).Length,
                };
            }).ToList()
            : [];

        var p = new List<KeyValuePair<string, string>>
        {
            new("MessageUUID", uuid),
            new("From", contact!),
            new("To", ours),
            new("Type", PlivoNames.Of(type)),
            new(type == MessageType.Sms ? "Text" : "Body", kind == SimulatedInboundKind.WhatsAppButton ? "" : text),
            new("Units", units.ToString(CultureInfo.InvariantCulture)),
            new("TotalRate", PlivoAmount.Format(rate)),
            new("TotalAmount", PlivoAmount.Format(rate * units)),
        };
        if (type == MessageType.Sms)
        {
            p.Add(new("MessageIntent", Intent(kind, ourCountry)));
        }

        if (type != MessageType.WhatsApp)
        {
            p.Add(new("PowerpackUUID", replyTo?.PowerpackId ?? ""));
        }

        if (type == MessageType.Mms)
        {
            p.Add(new("MediaCount", media.Count.ToString(CultureInfo.InvariantCulture)));
        }

        if (whatsApp)
        {
            var contentType = kind switch
            {
                SimulatedInboundKind.WhatsAppButton => "button",
                SimulatedInboundKind.WhatsAppMedia => "media",
                _ => "text",
            };
            p.Add(new("ContentType", contentType));
            p.Add(new("Context", JsonSerializer.Serialize(new Dictionary<string, string> { ["MessageUUID"] = replyTo!.MessageUuid })));
            if (kind == SimulatedInboundKind.WhatsAppButton)
            {
                var (buttonText, payload) = DemoContent.Pick(rng, DemoContent.WhatsAppButtons);
                p.Add(new("Button", JsonSerializer.Serialize(new Dictionary<string, string> { ["Text"] = buttonText, ["Payload"] = payload })));
                p[4] = new("Body", buttonText);
            }

            if (kind == SimulatedInboundKind.WhatsAppMedia)
            {
                p.Add(new("MimeType", SimulatorMedia.ContentType));
            }
        }

        for (var i = 0; i < media.Count; i++)
        {
            // Plivo's inbound page numbers the media keys from 1 (Media1..MediaN).
            p.Add(new($"Media{i + 1}", media[i].MediaUrl));
        }

        var mdr = api.NewRecord(uuid, MessageDirection.Inbound, type, contact!, ours, units, rate,
            type == MessageType.WhatsApp ? null : replyTo?.PowerpackId, now);
        return (new SimulatedMessage(mdr, ours, media, now), p, kind);
    }

    /// <summary>Who writes to whom: the recipient of a recent outbound message back to its sender, else a known contact.</summary>
    private (string? Ours, string? Contact, PlivoMessage? ReplyTo) Counterpart(Random rng, SimulatedInboundKind kind, bool whatsApp)
    {
        if (kind == SimulatedInboundKind.Start)
        {
            // START comes from someone who opted out before, when there is such a contact.
            var stopped = contacts.OptedOut();
            if (stopped.Count > 0)
            {
                var (our, contact) = stopped[rng.Next(stopped.Count)];
                return (our, contact, null);
            }
        }

        var type = whatsApp ? "whatsapp" : "sms";
        var recent = store.Newest(200, m => m.Snapshot is { MessageDirection: "outbound", MessageState: not "failed" } s
            && (s.MessageType == type || (!whatsApp && s.MessageType == "mms")) && s.FromNumber.All(char.IsAsciiDigit));
        if (recent.Count > 0)
        {
            var pick = recent[rng.Next(recent.Count)];
            var mdr = pick.Snapshot;
            return (mdr.FromNumber, pick.To, mdr);
        }

        var ours = plivo.CurrentValue.PhoneNumbers().FirstOrDefault();
        return ours is null ? (null, null, null) : (ours, DemoContent.Pick(rng, contacts.Customers), null);
    }

    /// <summary>Plivo fills <c>MessageIntent</c> only on US and Canadian numbers, where its opt-out service runs.</summary>
    private static string Intent(SimulatedInboundKind kind, string? ourCountry) =>
        ourCountry is not ("US" or "CA") ? "" : kind switch
        {
            SimulatedInboundKind.Stop => "optout",
            SimulatedInboundKind.Start => "optin",
            SimulatedInboundKind.Help => "help",
            _ => "",
        };

    private void RememberKeyword(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        string Value(string key) => parameters.FirstOrDefault(p => p.Key == key).Value ?? "";
        var intent = Value("MessageIntent");
        if (intent is "optout" or "optin")
        {
            contacts.SetOptedOut(Value("To"), Value("From"), intent == "optout");
        }
    }

    /// <summary>Plivo sends the <c>&lt;Message&gt;</c> elements of an inbound webhook's XML answer; so does the simulator.</summary>
    private void ExecuteReplyXml(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || !body.Contains("<Message", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            foreach (var element in XDocument.Parse(body).Root?.Elements("Message") ?? [])
            {
                api.Send(new PlivoSendRequest
                {
                    Src = (string?)element.Attribute("src"),
                    Dst = (string?)element.Attribute("dst"),
                    Type = (string?)element.Attribute("type") ?? "sms",
                    Text = element.Value,
                    Url = (string?)element.Attribute("callbackUrl"),
                    Method = (string?)element.Attribute("callbackMethod"),
                }, requesterIp: null);
            }
        }
        catch (System.Xml.XmlException ex)
        {
            LogBadReplyXml(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The app answered an inbound webhook with XML the simulator could not read")]
    private static partial void LogBadReplyXml(ILogger logger, Exception exception);
}
