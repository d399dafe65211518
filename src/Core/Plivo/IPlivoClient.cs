using System.Globalization;
using System.Net;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Plivo;

/// <summary>
/// Plivo's Message API: send, get one, list, and an MMS message's media. The seam between the dashboard and
/// Plivo (or the embedded simulator, which speaks the same API over HTTP).
/// </summary>
public interface IPlivoClient
{
    /// <summary>Sends a message; Plivo answers with one UUID per accepted destination.</summary>
    /// <exception cref="PlivoApiException">Plivo refused the request, or could not be reached.</exception>
    Task<PlivoSendResponse> SendAsync(PlivoSendRequest request, CancellationToken cancellationToken = default);

    /// <summary>One message detail record.</summary>
    /// <exception cref="PlivoApiException">404 when Plivo has no such message.</exception>
    Task<PlivoMessage> GetMessageAsync(string messageUuid, CancellationToken cancellationToken = default);

    /// <summary>A page of message detail records (at most 20), newest first, with Plivo's filters.</summary>
    Task<PlivoList<PlivoMessage>> ListMessagesAsync(PlivoListQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>The media attached to an MMS (or WhatsApp media) message.</summary>
    Task<PlivoMediaList> ListMediaAsync(string messageUuid, CancellationToken cancellationToken = default);
}

/// <summary>The filters of Plivo's List Messages API; null members are not sent.</summary>
public sealed record PlivoListQuery
{
    public MessageDirection? Direction { get; init; }

    public MessageState? State { get; init; }

    public MessageType? Type { get; init; }

    public DateTime? TimeGt { get; init; }

    public DateTime? TimeGte { get; init; }

    public DateTime? TimeLt { get; init; }

    public DateTime? TimeLte { get; init; }

    public string? ErrorCode { get; init; }

    public string? PowerpackId { get; init; }

    public string? FromNumber { get; init; }

    public string? ToNumber { get; init; }

    public string? DestinationCountryIso2 { get; init; }

    public string? ConversationId { get; init; }

    public string? ConversationOrigin { get; init; }

    public string? Subaccount { get; init; }

    /// <summary>1..20; Plivo's default is 20.</summary>
    public int? Limit { get; init; }

    public int? Offset { get; init; }

    /// <summary>The query's parameters with Plivo's names; times in UTC as <c>YYYY-MM-DD HH:MM:SS.ffffff</c>.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToParameters()
    {
        static string Time(DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

        (string Name, string? Value)[] all =
        [
            ("subaccount", Subaccount),
            ("message_direction", Direction is { } d ? PlivoNames.Of(d) : null),
            ("message_state", State is { } s ? PlivoNames.Of(s) : null),
            ("message_type", Type is { } t ? PlivoNames.Of(t) : null),
            ("message_time__gt", TimeGt is { } gt ? Time(gt) : null),
            ("message_time__gte", TimeGte is { } gte ? Time(gte) : null),
            ("message_time__lt", TimeLt is { } lt ? Time(lt) : null),
            ("message_time__lte", TimeLte is { } lte ? Time(lte) : null),
            ("error_code", ErrorCode),
            ("powerpack_id", PowerpackId),
            ("from_number", FromNumber),
            ("to_number", ToNumber),
            ("destination_country_iso2", DestinationCountryIso2),
            ("conversation_id", ConversationId),
            ("conversation_origin", ConversationOrigin),
            ("limit", Limit?.ToString(CultureInfo.InvariantCulture)),
            ("offset", Offset?.ToString(CultureInfo.InvariantCulture)),
        ];
        return all.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => KeyValuePair.Create(p.Name, p.Value!));
    }
}

/// <summary>
/// Plivo refused a request (its HTTP status and the <c>error</c> of its body), or could not be reached at all
/// (<see cref="StatusCode"/> null: a timeout or a connection failure, when a send may or may not have been queued).
/// </summary>
public sealed class PlivoApiException(HttpStatusCode? statusCode, string plivoError, string? apiId = null, Exception? inner = null)
    : Exception(Describe(statusCode, plivoError), inner)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>Plivo's own words (the <c>error</c> of its body), or what went wrong on the way.</summary>
    public string PlivoError { get; } = plivoError;

    /// <summary>Plivo's request id, to quote to its support.</summary>
    public string? ApiId { get; } = apiId;

    private static string Describe(HttpStatusCode? status, string error) =>
        status is { } s ? $"Plivo answered {(int)s} {s}: {error}" : $"Plivo could not be reached: {error}";
}
