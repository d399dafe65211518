using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
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
        group.MapGet("/", ListMessages);
        group.MapGet("/{messageUuid}", GetMessage);
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
        var (filter, errors) = MessageFilter.Parse(name => request.Query[name].FirstOrDefault(), time);
        if (filter is null)
        {
            var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Invalid filter",
                Detail = string.Join("; ", errors.Select(e => $"{e.Field} {e.Problem}")),
            };
            problem.Extensions["errors"] = errors.ToDictionary(e => e.Field, e => new[] { e.Problem });
            return TypedResults.Problem(problem);
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

    private static JsonObject ToJson(Message message, string authId) =>
        JsonSerializer.SerializeToNode(PlivoMessageMapper.ToPlivo(message, authId))!.AsObject();

    private static string PageLink(HttpRequest request, int offset)
    {
        var query = request.Query.Where(q => q.Key != "offset").ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["offset"] = offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(request.PathBase + request.Path, query);
    }
}
