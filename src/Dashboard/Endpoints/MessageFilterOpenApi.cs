using Dashboard.Core.Messages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Endpoints;

/// <summary>
/// The query parameters of <see cref="MessageFilter"/> in the read API's OpenAPI document: the handlers read the
/// query themselves (one parser, <see cref="MessageFilter.Parse"/>), so the document is told the names here.
/// </summary>
internal static class MessageFilterOpenApi
{
    private static readonly (string Name, string Description)[] Parameters =
    [
        (MessageFilter.Names.Search, "A message UUID; or a number, written any way, matching numbers (from or to) that contain its digits (at least three); or words found in the text, ignoring case."),
        (MessageFilter.Names.Direction, "inbound or outbound."),
        (MessageFilter.Names.State, "One state or several, comma-separated (failed,undelivered); a repeated parameter reads the same: queued, sent, delivered, undelivered, failed, read, received."),
        (MessageFilter.Names.Type, "sms, mms or whatsapp."),
        (MessageFilter.Names.Time, "Exactly this time, UTC (YYYY-MM-DD HH:MM[:ss[.uuuuuu]])."),
        (MessageFilter.Names.TimeGt, "After this time, UTC."),
        (MessageFilter.Names.TimeGte, "From this time, UTC."),
        (MessageFilter.Names.TimeLt, "Before this time, UTC."),
        (MessageFilter.Names.TimeLte, "Up to this time, UTC."),
        (MessageFilter.Names.ErrorCode, "Plivo's error code."),
        (MessageFilter.Names.Powerpack, "A Powerpack UUID."),
        (MessageFilter.Names.From, "The sender, as stored (digits)."),
        (MessageFilter.Names.To, "The destination, as stored (digits)."),
        (MessageFilter.Names.Country, "The destination country, ISO 3166 alpha-2."),
        (MessageFilter.Names.Mcc, "The carrier's mobile country code."),
        (MessageFilter.Names.Mnc, "The carrier's mobile network code."),
        (MessageFilter.Names.PlivoConversationId, "A WhatsApp conversation id."),
        (MessageFilter.Names.ConversationOrigin, "A WhatsApp conversation origin (service, utility, marketing, authentication)."),
        (MessageFilter.Names.Order, "newest (default) or oldest first."),
        (MessageFilter.Names.Before, "Keyset cursor, newest first: messages older than this {ticks}.{id} position."),
        (MessageFilter.Names.After, "Keyset cursor, oldest first: messages newer than this {ticks}.{id} position."),
    ];

    private static readonly (string Name, string Description)[] Paging =
    [
        (MessageFilter.Names.Limit, "Messages per page, 1 to 20 (default 20)."),
        (MessageFilter.Names.Offset, "Messages to skip (ignored with a cursor)."),
    ];

    /// <summary>Describes the filter's parameters, and with <paramref name="paged"/> <c>limit</c> and <c>offset</c>.</summary>
    public static TBuilder WithMessageFilter<TBuilder>(this TBuilder builder, bool paged)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var (name, description) in paged ? [.. Parameters, .. Paging] : Parameters)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Query,
                    Description = description,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }

            return Task.CompletedTask;
        });
}
