using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Webhooks;
using Dashboard.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Dashboard.Endpoints;

/// <summary>
/// The read API: messages in Plivo's Message-object shape, with Plivo's list filters and paging, plus the
/// timeline of status events we received for each.
/// </summary>
public static class MessagesApiEndpoints
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/messages").RequireAuthorization(Policies.Operations).WithTags("Messages");
        group.MapGet("/", ListMessages).WithSummary("List messages, newest first, with Plivo's list filters").WithMessageFilter(paged: true);
        group.MapGet("/{messageUuid}", GetMessage);
        app.MapGet("/api/messages.csv", ExportMessages).RequireAuthorization(Policies.Operations).WithTags("Messages")
            .WithSummary("Every message of the filter as CSV, one row per message, times in ISO 8601 UTC").WithMessageFilter(paged: false);
        return app;
    }

    public static async Task<Results<JsonHttpResult<JsonObject>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>>> GetMessage(
        string messageUuid, MessageQueries queries, IOptions<PlivoOptions> plivo, CancellationToken cancellationToken)
    {
        var detail = await queries.GetAsync(messageUuid, cancellationToken);
        if (detail is null)
        {
            return TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Message not found",
                Detail = $"No message with message_uuid '{messageUuid}' has been received or sent.",
            });
        }

        var json = ToJson(detail.Message, plivo.Value.AuthId);
        json["api_id"] = Guid.NewGuid().ToString();
        json["media"] = new JsonArray([.. detail.Media.Select(m => (JsonNode)new JsonObject
        {
            ["index"] = m.Index,
            ["media_url"] = m.Url,
            ["content_type"] = m.ContentType,
        })]);
        json["timeline"] = new JsonArray([.. detail.Timeline.Select(e => (JsonNode)new JsonObject
        {
            ["kind"] = PlivoNames.Of(e.Kind),
            ["status"] = PlivoNames.Of(e.State),
            ["sequence"] = e.Sequence is >= 0 ? e.Sequence : null,
            ["error_code"] = e.ErrorCode,
            ["received_at"] = PlivoTime.Format(e.ReceivedAt),
            ["applied"] = e.Applied,
            ["repeats"] = e.Repeats,
            ["parameters"] = JsonNode.Parse(e.RawParameters),
        })]);
        return TypedResults.Json(json);
    }

    public static async Task<Results<JsonHttpResult<JsonObject>, ProblemHttpResult>> ListMessages(
        HttpRequest request, MessageQueries queries, IOptions<PlivoOptions> plivo, TimeProvider time, CancellationToken cancellationToken)
    {
        var (filter, problem) = ReadFilter(request, time);
        if (filter is null)
        {
            return problem!;
        }

        var page = await queries.ListAsync(filter, cancellationToken);
        var meta = new PlivoListMeta
        {
            Limit = filter.Limit,
            Offset = filter.Offset,
            Next = page.HasMore ? PageLink(request, filter.Offset + filter.Limit) : null,
            Previous = filter.Offset > 0 ? PageLink(request, Math.Max(0, filter.Offset - filter.Limit)) : null,
        };
        return TypedResults.Json(new JsonObject
        {
            ["api_id"] = Guid.NewGuid().ToString(),
            ["meta"] = JsonSerializer.SerializeToNode(meta),
            ["objects"] = new JsonArray([.. page.Messages.Select(m => (JsonNode)ToJson(m, plivo.Value.AuthId))]),
        });
    }

    /// <summary>
    /// <c>GET /api/messages.csv?…</c>: every message of the log's filter (the same query as <c>/api/messages</c> and the
    /// page; <c>limit</c>/<c>offset</c> ignored) as CSV, one row per message (<see cref="MessageCsv"/>), streamed from the
    /// database to the response body row by row. The file name carries the time range.
    /// </summary>
    public static Results<PushStreamHttpResult, ProblemHttpResult> ExportMessages(
        HttpRequest request, MessageQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        var (filter, problem) = ReadFilter(request, time);
        if (filter is null)
        {
            return problem!;
        }

        var name = MessageCsv.FileName(filter, time.GetUtcNow().UtcDateTime);
        return TypedResults.Stream(async body =>
        {
            await using var text = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
            await MessageCsv.WriteAsync(queries.StreamAsync(filter, cancellationToken), text, cancellationToken);
        }, "text/csv; charset=utf-8", name);
    }

    /// <summary>
    /// The request's <see cref="MessageFilter"/> (a repeated parameter reads as its values comma-separated), or a 400
    /// problem naming every unreadable parameter.
    /// </summary>
    public static (MessageFilter? Filter, ProblemHttpResult? Problem) ReadFilter(HttpRequest request, TimeProvider? time)
    {
        var (filter, errors) = MessageFilter.Parse(name => request.Query.TryGetValue(name, out var values) ? values.ToString() : null, time);
        if (filter is not null)
        {
            return (filter, null);
        }

        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid filter",
            Detail = WebhookFieldError.Describe(errors),
        };
        problem.Extensions["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Problem).ToArray());
        return (null, TypedResults.Problem(problem));
    }

    private static JsonObject ToJson(Message message, string authId) =>
        JsonSerializer.SerializeToNode(PlivoMessageMapper.ToPlivo(message, authId))!.AsObject();

    private static string PageLink(HttpRequest request, int offset)
    {
        var query = request.Query.Where(q => q.Key != "offset").ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["offset"] = offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(request.PathBase + request.Path, query);
    }
}
