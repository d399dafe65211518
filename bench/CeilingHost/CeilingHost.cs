using Dashboard.Core;
using Dashboard.Core.Plivo;
using Dashboard.Core.Webhooks;
using Dashboard.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Dashboard.Bench;

/// <summary>
/// The ceiling for bench/ingest.sh: a host of its own, outside the product, that does what <c>/plivo/status</c> does
/// before storing — Kestrel, reading the form within its limits, checking the signature, parsing — with the product's
/// own code (<see cref="PlivoWebhookEndpoints.ReadVerifiedAsync"/>, <see cref="WebhookParser"/>), and stores nothing.
/// Configured like the dashboard (<c>Plivo:AuthToken</c>, <c>PublicBaseUrl</c>, <c>--urls</c>).
/// </summary>
public static class CeilingHost
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPlivo(builder.Configuration);
        builder.Services.AddSingleton<WebhookSignatureVerifier>();
        var app = builder.Build();
        app.MapPost("/bench/parse-only", ParseOnly);
        app.Run();
    }

    private static async Task<Results<Ok, ProblemHttpResult>> ParseOnly(
        HttpContext context, WebhookSignatureVerifier verifier, IOptions<PublicUrlOptions> publicUrl, TimeProvider time)
    {
        var (parameters, _, problem) = await PlivoWebhookEndpoints.ReadVerifiedAsync(context, verifier, publicUrl.Value);
        if (problem is not null)
        {
            return problem;
        }

        var parsed = WebhookParser.ParseStatus(parameters!, time.GetUtcNow().UtcDateTime);
        return parsed.IsValid ? TypedResults.Ok() : TypedResults.Problem("Invalid status callback", statusCode: 400);
    }
}
