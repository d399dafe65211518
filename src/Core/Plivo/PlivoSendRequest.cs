using System.Text.Json.Serialization;

namespace Dashboard.Core.Plivo;

/// <summary>
/// The body of Plivo's Send Message API (<c>POST /v1/Account/{auth_id}/Message/</c>), with Plivo's parameter
/// names. Null members are left out of the JSON, so Plivo applies its own defaults. The client sends it and the
/// simulator reads it: one shape for both.
/// </summary>
public sealed record PlivoSendRequest
{
    /// <summary>Sender ID: a number, short code or alphanumeric ID. Exactly one of this and <see cref="PowerpackUuid"/>.</summary>
    [JsonPropertyName("src")] public string? Src { get; init; }

    [JsonPropertyName("powerpack_uuid")] public string? PowerpackUuid { get; init; }

    /// <summary>One or more destination numbers separated by <c>&lt;</c>; each gets its own message UUID.</summary>
    [JsonPropertyName("dst")] public string? Dst { get; init; }

    [JsonPropertyName("text")] public string? Text { get; init; }

    /// <summary><c>sms</c> (Plivo's default), <c>mms</c> or <c>whatsapp</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>The status callback URL.</summary>
    [JsonPropertyName("url")] public string? Url { get; init; }

    /// <summary><c>GET</c> or <c>POST</c> (Plivo's default) for <see cref="Url"/>.</summary>
    [JsonPropertyName("method")] public string? Method { get; init; }

    /// <summary><c>true</c> (default), <c>false</c>, <c>content_only</c> or <c>number_only</c>; a string, as in Plivo's SDKs.</summary>
    [JsonPropertyName("log")] public string? Log { get; init; }

    [JsonPropertyName("trackable")] public bool? Trackable { get; init; }

    /// <summary>MMS: up to 10 URLs; WhatsApp: one.</summary>
    [JsonPropertyName("media_urls")] public IReadOnlyList<string>? MediaUrls { get; init; }

    [JsonPropertyName("media_ids")] public IReadOnlyList<string>? MediaIds { get; init; }

    /// <summary>Seconds the message may wait in Plivo's queue, 5..10,799; Plivo's default is 10,800.</summary>
    [JsonPropertyName("message_expiry")] public int? MessageExpiry { get; init; }

    [JsonPropertyName("dlt_entity_id")] public string? DltEntityId { get; init; }

    [JsonPropertyName("dlt_template_id")] public string? DltTemplateId { get; init; }

    /// <summary><c>transactional</c>, <c>promotional</c>, <c>service_implicit</c> or <c>service_explicit</c>.</summary>
    [JsonPropertyName("dlt_template_category")] public string? DltTemplateCategory { get; init; }

    [JsonPropertyName("template")] public PlivoTemplate? Template { get; init; }

    [JsonPropertyName("interactive")] public PlivoInteractive? Interactive { get; init; }

    [JsonPropertyName("location")] public PlivoLocation? Location { get; init; }
}

/// <summary>A WhatsApp template reference: an approved template's name and language, and the values for its placeholders.</summary>
public sealed record PlivoTemplate
{
    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("language")] public string? Language { get; init; }

    [JsonPropertyName("components")] public IReadOnlyList<PlivoTemplateComponent>? Components { get; init; }
}

/// <summary>A template component (<c>header</c>, <c>body</c>, <c>button</c>) with its parameters.</summary>
public sealed record PlivoTemplateComponent
{
    [JsonPropertyName("type")] public string? Type { get; init; }

    [JsonPropertyName("sub_type")] public string? SubType { get; init; }

    [JsonPropertyName("index")] public string? Index { get; init; }

    [JsonPropertyName("parameters")] public IReadOnlyList<PlivoTemplateParameter>? Parameters { get; init; }
}

/// <summary>One placeholder value: <c>text</c>, <c>media</c>, <c>payload</c>, <c>currency</c> or <c>date_time</c>.</summary>
public sealed record PlivoTemplateParameter
{
    [JsonPropertyName("type")] public string? Type { get; init; }

    [JsonPropertyName("text")] public string? Text { get; init; }

    [JsonPropertyName("media")] public string? Media { get; init; }

    [JsonPropertyName("payload")] public string? Payload { get; init; }

    [JsonPropertyName("parameter_name")] public string? ParameterName { get; init; }

    [JsonPropertyName("currency")] public PlivoTemplateCurrency? Currency { get; init; }

    [JsonPropertyName("date_time")] public PlivoTemplateDateTime? DateTime { get; init; }

    [JsonPropertyName("location")] public PlivoLocation? Location { get; init; }
}

public sealed record PlivoTemplateCurrency
{
    [JsonPropertyName("fallback_value")] public string? FallbackValue { get; init; }

    [JsonPropertyName("currency_code")] public string? CurrencyCode { get; init; }

    [JsonPropertyName("amount_1000")] public long? Amount1000 { get; init; }
}

public sealed record PlivoTemplateDateTime
{
    [JsonPropertyName("fallback_value")] public string? FallbackValue { get; init; }
}

/// <summary>A WhatsApp interactive message: reply buttons, a list, or a call-to-action URL button.</summary>
public sealed record PlivoInteractive
{
    /// <summary><c>button</c>, <c>list</c> or <c>cta_url</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    [JsonPropertyName("header")] public PlivoInteractiveHeader? Header { get; init; }

    [JsonPropertyName("body")] public PlivoInteractiveText? Body { get; init; }

    [JsonPropertyName("footer")] public PlivoInteractiveText? Footer { get; init; }

    [JsonPropertyName("action")] public PlivoInteractiveAction? Action { get; init; }
}

public sealed record PlivoInteractiveHeader
{
    [JsonPropertyName("type")] public string? Type { get; init; }

    [JsonPropertyName("text")] public string? Text { get; init; }

    [JsonPropertyName("media")] public string? Media { get; init; }
}

public sealed record PlivoInteractiveText
{
    [JsonPropertyName("text")] public string? Text { get; init; }
}

public sealed record PlivoInteractiveAction
{
    [JsonPropertyName("buttons")] public IReadOnlyList<PlivoInteractiveButton>? Buttons { get; init; }

    [JsonPropertyName("sections")] public IReadOnlyList<PlivoInteractiveSection>? Sections { get; init; }
}

public sealed record PlivoInteractiveButton
{
    [JsonPropertyName("id")] public string? Id { get; init; }

    [JsonPropertyName("title")] public string? Title { get; init; }

    [JsonPropertyName("cta_url")] public string? CtaUrl { get; init; }
}

public sealed record PlivoInteractiveSection
{
    [JsonPropertyName("title")] public string? Title { get; init; }

    [JsonPropertyName("rows")] public IReadOnlyList<PlivoInteractiveRow>? Rows { get; init; }
}

public sealed record PlivoInteractiveRow
{
    [JsonPropertyName("id")] public string? Id { get; init; }

    [JsonPropertyName("title")] public string? Title { get; init; }

    [JsonPropertyName("description")] public string? Description { get; init; }
}

/// <summary>A WhatsApp location pin.</summary>
public sealed record PlivoLocation
{
    [JsonPropertyName("latitude")] public double? Latitude { get; init; }

    [JsonPropertyName("longitude")] public double? Longitude { get; init; }

    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("address")] public string? Address { get; init; }
}

/// <summary>Plivo's answer to an accepted send: HTTP 202 with one UUID per accepted destination.</summary>
public sealed record PlivoSendResponse
{
    [JsonPropertyName("api_id")] public string? ApiId { get; init; }

    /// <summary>"message(s) queued".</summary>
    [JsonPropertyName("message")] public string? Message { get; init; }

    /// <summary>The new messages, in the order of the accepted destinations.</summary>
    [JsonPropertyName("message_uuid")] public IReadOnlyList<string> MessageUuid { get; init; } = [];

    /// <summary>Destinations Plivo would not take; the others were still queued.</summary>
    [JsonPropertyName("invalid_number")] public IReadOnlyList<string>? InvalidNumber { get; init; }
}

/// <summary>Plivo's error body: <c>{"api_id": "…", "error": "…"}</c>.</summary>
public sealed record PlivoErrorBody
{
    [JsonPropertyName("api_id")] public string? ApiId { get; init; }

    [JsonPropertyName("error")] public string? Error { get; init; }
}

/// <summary>A media file attached to an MMS (or WhatsApp) message.</summary>
public sealed record PlivoMedia
{
    [JsonPropertyName("api_id")] public string? ApiId { get; init; }

    [JsonPropertyName("content_type")] public string? ContentType { get; init; }

    [JsonPropertyName("media_id")] public required string MediaId { get; init; }

    [JsonPropertyName("media_url")] public required string MediaUrl { get; init; }

    [JsonPropertyName("message_uuid")] public required string MessageUuid { get; init; }

    [JsonPropertyName("size")] public long Size { get; init; }
}

/// <summary>The media of one message: <c>{"api_id", "objects": [...]}</c> (Plivo sends no paging meta here).</summary>
public sealed record PlivoMediaList
{
    [JsonPropertyName("api_id")] public string? ApiId { get; init; }

    [JsonPropertyName("objects")] public IReadOnlyList<PlivoMedia> Objects { get; init; } = [];
}
