using System.Net;

namespace Dashboard.Core.Plivo;

/// <summary>
/// Plivo's Message API: the seam between the dashboard and Plivo (or the embedded simulator, which speaks the
/// same API over HTTP). Status callbacks tell the dashboard what happens to a message; it reads a message back only
/// when they fall silent (reconciliation).
/// </summary>
public interface IPlivoClient
{
    /// <summary>Sends a message; Plivo answers with one UUID per accepted destination.</summary>
    /// <exception cref="PlivoApiException">Plivo refused the request, or could not be reached.</exception>
    Task<PlivoSendResponse> SendAsync(PlivoSendRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Plivo's record of one message (Get Message API, docs/plivo/send-message.md), or null when Plivo answers 404:
    /// it does not know the message.
    /// </summary>
    /// <exception cref="PlivoApiException">Plivo refused the request (other than 404), or could not be reached.</exception>
    Task<PlivoMessage?> GetMessageAsync(string messageUuid, CancellationToken cancellationToken = default);
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
