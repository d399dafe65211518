using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Dashboard.Core.Plivo;

/// <summary>
/// The Plivo client's resilience pipeline, on Microsoft.Extensions.Http.Resilience: calls that Plivo itself asks us to
/// repeat — 429 (rate limited) and 5xx — are retried with exponential backoff and jitter (or after Plivo's
/// <c>Retry-After</c>), and each attempt has a timeout. Nothing else is retried: a 4xx will not get better, and a
/// timeout or a lost connection during a send may already have queued the message, so repeating it could send it
/// twice. <see cref="PlivoClient"/> turns what is left (a timeout, no connection) into <see cref="PlivoApiException"/>.
/// </summary>
public static class PlivoResilience
{
    public const string PipelineName = "plivo";

    /// <summary>The longest <c>Retry-After</c> we honour; a longer one fails the call instead of hanging the caller.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Adds the pipeline to an <see cref="HttpClient"/>, configured from <see cref="PlivoOptions"/> and the registered <see cref="TimeProvider"/>.</summary>
    public static IHttpClientBuilder AddPlivoResilience(this IHttpClientBuilder builder)
    {
        builder.AddResilienceHandler(PipelineName, static (pipeline, context) =>
        {
            var o = context.ServiceProvider.GetRequiredService<IOptions<PlivoOptions>>().Value;
            var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            pipeline.TimeProvider = time;
            if (o.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r && IsTransient(r.StatusCode)),
                    MaxRetryAttempts = o.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(o.RetryBaseDelayMilliseconds),
                    MaxDelay = MaxRetryAfter,
                    // Our own reading of Retry-After, capped: a server asking for an hour fails the call instead.
                    ShouldRetryAfterHeader = false,
                    DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
                });
            }

            pipeline.AddTimeout(TimeSpan.FromSeconds(o.RequestTimeoutSeconds));
        });
        return builder;
    }

    /// <summary>True for the statuses worth repeating: 429 and every 5xx.</summary>
    public static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        // Null lets Polly use its exponential backoff.
        return wait is { } w && w > TimeSpan.Zero ? (w < MaxRetryAfter ? w : MaxRetryAfter) : null;
    }
}
