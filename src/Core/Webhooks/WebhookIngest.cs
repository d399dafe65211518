using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Webhooks;

/// <summary>A reply to send back in the inbound webhook's answer as Plivo Message XML.</summary>
public sealed record InboundReply(string Src, string Dst, string Text);

/// <summary>What became of a webhook: the parse errors (nothing stored), or the committed write.</summary>
public sealed record IngestResult(IReadOnlyList<WebhookFieldError> Errors, WriteResult? Write, InboundReply? Reply = null)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>Refused and not stored: its nonce came before with other parameters (ADR-002).</summary>
    public bool IsReplay => Write?.Outcome == WriteOutcome.Replayed;
}

/// <summary>
/// Takes the parameters of a verified webhook, parses them, and stores them through the single writer.
/// HTTP concerns (reading the body, signatures, the answer) stay in the endpoints.
/// </summary>
public sealed class WebhookIngest(MessageWriter writer, OptOutKeywords keywords, TimeProvider time)
{
    /// <param name="receipt">The signature's nonce and fingerprint, for the replay check; null when signatures are not checked.</param>
    public async Task<IngestResult> StatusAsync(IReadOnlyList<KeyValuePair<string, string>> parameters, WebhookReceipt? receipt, CancellationToken cancellationToken)
    {
        var parsed = WebhookParser.ParseStatus(parameters, time.GetUtcNow().UtcDateTime);
        if (!parsed.IsValid)
        {
            return new IngestResult(parsed.Errors, null);
        }

        var write = await writer.WriteStatusAsync(parsed.Value!, receipt, cancellationToken);
        return new IngestResult([], write);
    }

    /// <param name="receipt">The signature's nonce and fingerprint, for the replay check; null when signatures are not checked.</param>
    public async Task<IngestResult> InboundAsync(IReadOnlyList<KeyValuePair<string, string>> parameters, WebhookReceipt? receipt, CancellationToken cancellationToken)
    {
        var parsed = WebhookParser.ParseInbound(parameters, time.GetUtcNow().UtcDateTime);
        if (!parsed.IsValid)
        {
            return new IngestResult(parsed.Errors, null);
        }

        var message = parsed.Value!;
        // A tapped WhatsApp button carries the label we offered ("Yes"), not a keyword the contact typed.
        var intent = message.ButtonText is null ? keywords.Classify(message.MessageIntent, message.Text) : null;
        var write = await writer.WriteInboundAsync(message, intent, receipt, cancellationToken);
        if (write.Outcome == WriteOutcome.Replayed)
        {
            return new IngestResult([], write);
        }

        // Plivo executes Message XML for SMS only; WhatsApp replies go through the API.
        var replyText = message.Type == MessageType.Sms ? keywords.ReplyFor(intent) : null;
        var reply = replyText is null ? null : new InboundReply(message.To, message.From, replyText);
        return new IngestResult([], write, reply);
    }
}
