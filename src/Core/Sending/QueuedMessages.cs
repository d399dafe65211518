using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;

namespace Dashboard.Core.Sending;

/// <summary>
/// Stores what Plivo queued, one row per accepted destination, through the single writer, so each message shows at
/// once (in the log, its conversation, the live feed) before its first callback. A Powerpack's message is stored
/// without its sender, which Plivo picks: its first callback names it, and the writer then puts it in its
/// conversation (ADR-008).
/// </summary>
public sealed class QueuedMessages(MessageWriter writer)
{
    /// <summary>Stores each message of <paramref name="request"/> that Plivo queued, one after another.</summary>
    /// <param name="apiId">Plivo's id of the request, kept with each message.</param>
    public async Task StoreAsync(PlivoSendRequest request, MessageType type, IReadOnlyList<SentMessage> messages, string? apiId,
        CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            await writer.WriteOutboundAsync(ToOutbound(request, type, message.MessageUuid, request.Src ?? "", message.To, apiId), cancellationToken);
        }
    }

    /// <summary>The message as sent, every parameter of our request included: what its log option lets us keep is the writer's to decide (<see cref="LogPrivacy"/>).</summary>
    private static OutboundMessage ToOutbound(PlivoSendRequest r, MessageType type, string uuid, string from, string to, string? apiId)
    {
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
}
