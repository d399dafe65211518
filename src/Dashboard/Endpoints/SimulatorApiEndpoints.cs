using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Simulator;
using Dashboard.Core.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Dashboard.Endpoints;

/// <summary>
/// The embedded simulator's Plivo Message API under <c>/sim/v1/Account/{auth_id}/Message/</c> (send, get, list,
/// media), with Plivo's shapes, HTTP Basic auth and <c>{"api_id","error"}</c> error bodies, plus the media files it
/// attaches to inbound MMS under <c>/sim/media/</c>. Mapped only when the simulator is on.
/// </summary>
public static class SimulatorApiEndpoints
{
    /// <summary>The largest send body we read: a WhatsApp text is at most 4,096 characters; a thousand numbers fit easily.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapSimulatorApi(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<PlivoSimulator>().Enabled)
        {
            return app;
        }

        // Plays Plivo's API: guarded by HTTP Basic auth with the account's id and token, as Plivo's is, not by sign-in.
        var sim = app.MapGroup(PlivoAddresses.SimulatorPathBase).AllowAnonymous().DisableAntiforgery().WithTags("Plivo simulator");
        var messages = sim.MapGroup("/v1/Account/{authId}/Message").AddEndpointFilter(RequireBasicAuth);
        messages.MapPost("/", Send);
        messages.MapGet("/", List);
        messages.MapGet("/{messageUuid}/", Get);
        messages.MapGet("/{messageUuid}/Media/", ListMedia);
        messages.MapGet("/{messageUuid}/Media/{mediaId}/", GetMedia);
        sim.MapGet("/media/{name}", ServeMedia);
        return app;
    }

    public static async Task<Results<JsonHttpResult<PlivoSendResponse>, JsonHttpResult<PlivoErrorBody>>> Send(
        HttpContext context, PlivoSimulator simulator)
    {
        PlivoSendRequest? request;
        try
        {
            if (context.Request.ContentLength > MaxBodyBytes)
            {
                return Error(StatusCodes.Status400BadRequest, $"the request body is larger than {MaxBodyBytes / 1024} KiB");
            }

            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxBodyBytes;
            }

            if (!context.Request.HasJsonContentType())
            {
                return Error(StatusCodes.Status400BadRequest, "the request body must be JSON (Content-Type: application/json)");
            }

            request = await JsonSerializer.DeserializeAsync<PlivoSendRequest>(context.Request.Body, PlivoClient.Json, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, $"invalid JSON in the request body: {ex.Message}");
        }
        catch (BadHttpRequestException)
        {
            return Error(StatusCodes.Status400BadRequest, $"the request body is larger than {MaxBodyBytes / 1024} KiB");
        }

        if (request is null)
        {
            return Error(StatusCodes.Status400BadRequest, "the request body is empty");
        }

        var result = simulator.Send(request, context.Connection.RemoteIpAddress?.ToString());
        return result.Accepted is { } accepted
            ? TypedResults.Json(accepted, PlivoClient.Json, statusCode: StatusCodes.Status202Accepted)
            : TypedResults.Json(result.Error!, PlivoClient.Json, statusCode: StatusCodes.Status400BadRequest);
    }

    public static Results<JsonHttpResult<PlivoMessage>, JsonHttpResult<PlivoErrorBody>> Get(string messageUuid, PlivoSimulator simulator) =>
        simulator.Get(messageUuid) is { } message ? TypedResults.Json(message, PlivoClient.Json) : NotFound();

    public static Results<JsonHttpResult<PlivoList<PlivoMessage>>, JsonHttpResult<PlivoErrorBody>> List(HttpRequest request, PlivoSimulator simulator)
    {
        var (filter, errors) = MessageFilter.Parse(name => request.Query.TryGetValue(name, out var values) ? values.ToString() : null);
        if (filter is null)
        {
            return Error(StatusCodes.Status400BadRequest, WebhookFieldError.Describe(errors));
        }

        var query = request.Query.SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? "")));
        return TypedResults.Json(simulator.List(filter, query), PlivoClient.Json);
    }

    public static Results<JsonHttpResult<PlivoMediaList>, JsonHttpResult<PlivoErrorBody>> ListMedia(string messageUuid, PlivoSimulator simulator) =>
        simulator.Media(messageUuid) is { } media ? TypedResults.Json(media, PlivoClient.Json) : NotFound();

    public static Results<JsonHttpResult<PlivoMedia>, JsonHttpResult<PlivoErrorBody>> GetMedia(string messageUuid, string mediaId, PlivoSimulator simulator) =>
        simulator.Media(messageUuid)?.Objects.FirstOrDefault(m => m.MediaId == mediaId) is { } media
            ? TypedResults.Json(media with { ApiId = Guid.NewGuid().ToString() }, PlivoClient.Json)
            : NotFound();

    public static Results<FileContentHttpResult, NotFound> ServeMedia(string name) =>
        SimulatorMedia.IsValidName(name)
            ? TypedResults.File(SimulatorMedia.Render(name), SimulatorMedia.ContentType)
            : TypedResults.NotFound();

    /// <summary>
    /// Plivo's check: HTTP Basic with the account's auth id and token, and the same auth id in the path.
    /// Anything else is 401 with Plivo's error body.
    /// </summary>
    private static async ValueTask<object?> RequireBasicAuth(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var plivo = http.RequestServices.GetRequiredService<IOptionsMonitor<PlivoOptions>>().CurrentValue;
        var pathAuthId = http.Request.RouteValues["authId"] as string;
        // Failures are throttled per address like sign-in's (ADR-007): a guesser gets one try per wait.
        var throttle = http.RequestServices.GetRequiredKeyedService<Core.Users.FailureThrottle>(Security.SecurityServiceCollectionExtensions.SimulatorAuthThrottle);
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.Wait(address) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Error(StatusCodes.Status429TooManyRequests, "too many failed authentications from this address: retry later");
        }

        if (!IsAuthorized(http.Request.Headers.Authorization.ToString(), plivo) || !string.Equals(pathAuthId, plivo.AuthId, StringComparison.Ordinal))
        {
            throttle.Fail(address);
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Plivo API\"";
            return Error(StatusCodes.Status401Unauthorized, "Authentication failed: check your auth id and auth token");
        }

        throttle.Succeed(address);
        return await next(context);
    }

    private static bool IsAuthorized(string header, PlivoOptions plivo)
    {
        if (string.IsNullOrEmpty(plivo.AuthId) || string.IsNullOrEmpty(plivo.AuthToken)
            || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes($"{plivo.AuthId}:{plivo.AuthToken}");
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded), expected);
    }

    private static JsonHttpResult<PlivoErrorBody> NotFound() => Error(StatusCodes.Status404NotFound, "not found");

    private static JsonHttpResult<PlivoErrorBody> Error(int status, string error) =>
        TypedResults.Json(new PlivoErrorBody { ApiId = Guid.NewGuid().ToString(), Error = error }, PlivoClient.Json, statusCode: status);
}
