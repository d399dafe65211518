using System.Net;

namespace Dashboard.Core.Plivo;

/// <summary>
/// Plivo's Send Message API: the seam between the dashboard and Plivo (or the embedded simulator, which speaks the
/// same API over HTTP). The dashboard never reads Plivo's records back: status callbacks tell it everything.
/// </summary>
public interface IPlivoClient
{
    /// <summary>Sends a message; Plivo answers with one UUID per accepted destination.</summary>
    /// <exception cref="PlivoApiException">Plivo refused the request, or could not be reached.</exception>
    Task<PlivoSendResponse> SendAsync(PlivoSendRequest request, CancellationToken cancellationToken = default);
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
