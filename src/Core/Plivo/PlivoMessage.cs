using System.Text.Json.Serialization;

namespace Dashboard.Core.Plivo;

/// <summary>
/// Plivo's Message object (MDR) on the wire, with the field names of the seed's example response. One shape
/// for all three who speak it: our read API writes it, the simulator serves it, the Plivo client reads it.
/// </summary>
public sealed record PlivoMessage
{
    [JsonPropertyName("api_id")] public string? ApiId { get; init; }
    [JsonPropertyName("message_uuid")] public required string MessageUuid { get; init; }
    [JsonPropertyName("message_direction")] public string MessageDirection { get; init; } = "outbound";
    [JsonPropertyName("message_state")] public string MessageState { get; init; } = "queued";
    [JsonPropertyName("message_type")] public string MessageType { get; init; } = "sms";
    [JsonPropertyName("message_time")] public string? MessageTime { get; init; }
    [JsonPropertyName("message_sent_time")] public string? MessageSentTime { get; init; }
    [JsonPropertyName("message_updated_time")] public string? MessageUpdatedTime { get; init; }
    [JsonPropertyName("from_number")] public string FromNumber { get; init; } = "";
    [JsonPropertyName("to_number")] public string ToNumber { get; init; } = "";
    [JsonPropertyName("units")] public int Units { get; init; }
    [JsonPropertyName("total_rate")] public string TotalRate { get; init; } = "0.00000";
    [JsonPropertyName("total_amount")] public string TotalAmount { get; init; } = "0.00000";
    [JsonPropertyName("carrier_fees")] public string CarrierFees { get; init; } = "0.00000";
    [JsonPropertyName("carrier_fees_rate")] public string CarrierFeesRate { get; init; } = "0.00000";
    [JsonPropertyName("error_code")] public string? ErrorCode { get; init; }
    [JsonPropertyName("error_message")] public string? ErrorMessage { get; init; }
    [JsonPropertyName("mcc")] public string? Mcc { get; init; }
    [JsonPropertyName("mnc")] public string? Mnc { get; init; }
    [JsonPropertyName("destination_country_iso2")] public string? DestinationCountryIso2 { get; init; }
    [JsonPropertyName("destination_network")] public string? DestinationNetwork { get; init; }
    [JsonPropertyName("powerpack_id")] public string? PowerpackId { get; init; }
    [JsonPropertyName("resource_uri")] public string? ResourceUri { get; init; }
    [JsonPropertyName("is_domestic")] public bool IsDomestic { get; init; }
    [JsonPropertyName("replaced_sender")] public string ReplacedSender { get; init; } = "";
    [JsonPropertyName("tendlc_campaign_id")] public string? TendlcCampaignId { get; init; }
    [JsonPropertyName("tendlc_registration_status")] public string? TendlcRegistrationStatus { get; init; }
    [JsonPropertyName("dlt_entity_id")] public string DltEntityId { get; init; } = "";
    [JsonPropertyName("dlt_template_id")] public string DltTemplateId { get; init; } = "";
    [JsonPropertyName("dlt_template_category")] public string DltTemplateCategory { get; init; } = "";
    [JsonPropertyName("conversation_id")] public string? ConversationId { get; init; }
    [JsonPropertyName("conversation_origin")] public string? ConversationOrigin { get; init; }
    [JsonPropertyName("conversation_expiry_time")] public string? ConversationExpiryTime { get; init; }
    [JsonPropertyName("requester_ip")] public string? RequesterIp { get; init; }
    [JsonPropertyName("log")] public string Log { get; init; } = "true";
}

/// <summary>Plivo's list paging: relative <c>next</c>/<c>previous</c> paths or null.</summary>
public sealed record PlivoListMeta
{
    [JsonPropertyName("limit")] public int Limit { get; init; }
    [JsonPropertyName("offset")] public int Offset { get; init; }
    [JsonPropertyName("next")] public string? Next { get; init; }
    [JsonPropertyName("previous")] public string? Previous { get; init; }
    [JsonPropertyName("total_count")] public int? TotalCount { get; init; }
}

/// <summary>Plivo's list answer: <c>{ "api_id", "meta", "objects" }</c>.</summary>
public sealed record PlivoList<T>
{
    [JsonPropertyName("api_id")] public string? ApiId { get; init; }
    [JsonPropertyName("meta")] public required PlivoListMeta Meta { get; init; }
    [JsonPropertyName("objects")] public required IReadOnlyList<T> Objects { get; init; }
}
