using Dashboard.Core.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Dashboard.Endpoints;

/// <summary>
/// The ceiling for the ingestion benchmark (bench/ingest.sh): the same form reading, signature check and parsing
/// as <c>/plivo/status</c>, without storing. Mapped only when <c>Benchmarks:Enabled</c> is true.
/// </summary>
public static class BenchmarkEndpoints
{
    public static IEndpointRouteBuilder MapBenchmarkEndpoints(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (configuration.GetValue<bool>("Benchmarks:Enabled"))
        {
            app.MapPost("/bench/parse-only", ParseOnly).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        }

        return app;
    }

    public static async Task<Results<Ok, BadRequest, ForbidHttpResult>> ParseOnly(
        HttpContext context, WebhookSignatureVerifier verifier, IOptions<PublicUrlOptions> publicUrl, TimeProvider time)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        List<KeyValuePair<string, string>> pairs = [.. form.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? "")))];
        var check = verifier.Verify(context.Request.Method, publicUrl.Value.PublicUrlOf(context.Request), pairs,
            name => context.Request.Headers[name].FirstOrDefault());
        if (check.Refused)
        {
            return TypedResults.Forbid();
        }

        return WebhookParser.ParseStatus(pairs, time.GetUtcNow().UtcDateTime).IsValid ? TypedResults.Ok() : TypedResults.BadRequest();
    }
}
