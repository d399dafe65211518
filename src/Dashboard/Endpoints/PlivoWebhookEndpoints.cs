using Dashboard.Core.Plivo;
using Dashboard.Core.Webhooks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Dashboard.Endpoints;

/// <summary>
/// Plivo's callbacks: <c>/plivo/status</c> (delivery status) and <c>/plivo/inbound</c> (incoming messages), each as
/// POST with a form body or GET with a query string, as Plivo sends them. Answered 200 only after the commit.
/// </summary>
public static class PlivoWebhookEndpoints
{
    /// <summary>The largest webhook we read; Plivo's are a few KiB (WhatsApp text is at most 4,096 characters).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The most form fields we read (the framework's default, made explicit); a Plivo webhook has a few dozen.</summary>
    public const int MaxFormFields = 1024;

    public static IEndpointRouteBuilder MapPlivoWebhooks(this IEndpointRouteBuilder app)
    {
        // Plivo cannot sign in: these are guarded by its signatures instead (ADR-002).
        var group = app.MapGroup("/plivo").AllowAnonymous().DisableAntiforgery().WithTags("Plivo webhooks")
            .AddEndpointFilter(UnavailableWhileTheDatabaseIs);
        group.MapMethods("/status", [HttpMethods.Get, HttpMethods.Post], ReceiveStatus);
        group.MapMethods("/inbound", [HttpMethods.Get, HttpMethods.Post], ReceiveInbound);

        // Without these, another method falls to routing's own 405 endpoint, which the fallback policy sends to sign-in.
        string[] others = [HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch, HttpMethods.Head, HttpMethods.Options];
        group.MapMethods("/status", others, MethodNotAllowed);
        group.MapMethods("/inbound", others, MethodNotAllowed);
        return app;
    }

    /// <summary>
    /// Nothing stored, so never a 200: a 503 makes Plivo retry the webhook later (ADR-009). The writer says the database
    /// is unreachable with <see cref="Core.Storage.StorageUnavailableException"/>.
    /// </summary>
    private static async ValueTask<object?> UnavailableWhileTheDatabaseIs(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Core.Storage.StorageUnavailableException)
        {
            context.HttpContext.Response.Headers.RetryAfter = "10";
            return Problem(StatusCodes.Status503ServiceUnavailable, "Storage unavailable",
                "The database cannot be reached; nothing was stored. Retry later.", "storage");
        }
    }

    public static async Task<Results<Ok, ProblemHttpResult>> ReceiveStatus(
        HttpContext context, WebhookIngest ingest, WebhookSignatureVerifier verifier, IOptions<PublicUrlOptions> publicUrl)
    {
        var (parameters, receipt, problem) = await ReadVerifiedAsync(context, verifier, publicUrl.Value);
        if (problem is not null)
        {
            return problem;
        }

        var result = await ingest.StatusAsync(parameters!, receipt, context.RequestAborted);
        return result switch
        {
            { IsValid: false } => Invalid(result.Errors),
            { IsReplay: true } => Replay(),
            _ => TypedResults.Ok(),
        };
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> ReceiveInbound(
        HttpContext context, WebhookIngest ingest, WebhookSignatureVerifier verifier, IOptions<PublicUrlOptions> publicUrl)
    {
        var (parameters, receipt, problem) = await ReadVerifiedAsync(context, verifier, publicUrl.Value);
        if (problem is not null)
        {
            return problem;
        }

        var result = await ingest.InboundAsync(parameters!, receipt, context.RequestAborted);
        return result switch
        {
            { IsValid: false } => Invalid(result.Errors),
            { IsReplay: true } => Replay(),
            _ => TypedResults.Content(MessageXml.Build(result.Reply), MessageXml.ContentType),
        };
    }

    /// <summary>
    /// Reads the parameters (form for POST, query for GET) within the size limit, then checks the signature; the
    /// receipt (nonce and fingerprint) goes with the parameters to the writer's replay check. Public for the ingest
    /// benchmark's ceiling host (bench/CeilingHost), which does the same work and stores nothing.
    /// </summary>
    public static async Task<(IReadOnlyList<KeyValuePair<string, string>>? Parameters, WebhookReceipt? Receipt, ProblemHttpResult? Problem)> ReadVerifiedAsync(
        HttpContext context, WebhookSignatureVerifier verifier, PublicUrlOptions publicUrl)
    {
        var request = context.Request;
        var isPost = HttpMethods.IsPost(request.Method);
        IReadOnlyList<KeyValuePair<string, string>> form = [];
        if (isPost)
        {
            if (request.ContentLength > MaxBodyBytes)
            {
                return (null, null, TooLarge());
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxBodyBytes;
            }

            if (!request.HasFormContentType)
            {
                return (null, null, Problem(StatusCodes.Status400BadRequest, "Unsupported body",
                    "Plivo webhooks are posted as application/x-www-form-urlencoded (or multipart/form-data).", "body"));
            }

            try
            {
                var fields = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions
                {
                    ValueLengthLimit = MaxBodyBytes,
                    MultipartBodyLengthLimit = MaxBodyBytes,
                    ValueCountLimit = MaxFormFields,
                }, context.RequestAborted);
                form = Flatten(fields);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
            {
                return (null, null, Unreadable(ex));
            }
        }

        var url = publicUrl.PublicUrlOf(request);
        var check = verifier.Verify(request.Method, url, form, name => request.Headers[name].FirstOrDefault());
        if (check.Refused)
        {
            return (null, null, Problem(StatusCodes.Status403Forbidden, "Signature rejected",
                check.Verdict == SignatureVerdict.Missing
                    ? "The request carries no Plivo signature (X-Plivo-Signature-V3 with its nonce)."
                    : "The Plivo signature does not match this URL and these parameters.", null));
        }

        var parameters = isPost ? form : Flatten(request.Query);
        var receipt = check.Nonce is { } nonce ? WebhookReceipt.Of(nonce, request.Method, url, parameters) : null;
        return (parameters, receipt, null);
    }

    private static List<KeyValuePair<string, string>> Flatten(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> values)
    {
        var pairs = new List<KeyValuePair<string, string>>(32);
        foreach (var (key, repeated) in values)
        {
            foreach (var value in repeated)
            {
                pairs.Add(new(key, value ?? ""));
            }
        }

        return pairs;
    }

    private static ProblemHttpResult Invalid(IReadOnlyList<WebhookFieldError> errors)
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid webhook",
            Detail = string.Join("; ", errors.Select(e => $"{e.Field} {e.Problem}")),
        };
        problem.Extensions["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Problem).ToArray());
        return TypedResults.Problem(problem);
    }

    /// <summary>
    /// Why the form could not be read, in words: the framework's form reader says it with an
    /// <see cref="InvalidDataException"/> for too many fields and for a NUL character, and Kestrel with a 413 for a body
    /// over the limit.
    /// </summary>
    private static ProblemHttpResult Unreadable(Exception ex) => ex switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(),
        InvalidDataException when ex.Message.Contains("count limit", StringComparison.OrdinalIgnoreCase) =>
            Problem(StatusCodes.Status400BadRequest, "Invalid webhook",
                $"The form has more than {MaxFormFields:N0} fields; a Plivo webhook has a few dozen.", "body"),
        InvalidDataException when ex.Message.Contains("invalid character", StringComparison.OrdinalIgnoreCase) =>
            Problem(StatusCodes.Status400BadRequest, "Invalid webhook",
                "A form field contains a NUL character (%00), which no Plivo webhook sends.", "body"),
        InvalidDataException => Problem(StatusCodes.Status400BadRequest, "Invalid webhook", $"The form cannot be read: {ex.Message}", "body"),
        _ => Problem(StatusCodes.Status400BadRequest, "Invalid webhook", "The body ended before it was complete.", "body"),
    };

    /// <summary>405 with the methods Plivo uses (GET with a query string, POST with a form).</summary>
    public static StatusCodeHttpResult MethodNotAllowed(HttpContext context)
    {
        context.Response.Headers.Allow = "GET, POST";
        return TypedResults.StatusCode(StatusCodes.Status405MethodNotAllowed);
    }

    private static ProblemHttpResult Replay() =>
        Problem(StatusCodes.Status403Forbidden, "Signature rejected",
            "This signature's nonce came before with other parameters: refused as a replay (ADR-002).", null);

    private static ProblemHttpResult TooLarge() =>
        Problem(StatusCodes.Status400BadRequest, "Invalid webhook", $"The body is larger than {MaxBodyBytes / 1024} KiB.", "body");

    private static ProblemHttpResult Problem(int status, string title, string detail, string? field)
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        return TypedResults.Problem(problem);
    }
}
