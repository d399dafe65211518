using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Dashboard.Core.Plivo;

/// <summary>
/// Retries Plivo calls that Plivo itself asks us to repeat — 429 (rate limited) and 5xx — with exponential
/// backoff and jitter (or Plivo's <c>Retry-After</c>), and gives each attempt a timeout. Nothing else is
/// retried: a 4xx will not get better, and a timeout or a lost connection during a send may already have
/// queued the message, so repeating it could send it twice.
/// </summary>
public sealed class PlivoResilienceHandler : DelegatingHandler
{
    /// <summary>The longest <c>Retry-After</c> we honour; a longer one fails the call instead of hanging the caller.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _time;

    public PlivoResilienceHandler(IOptions<PlivoOptions> options, TimeProvider time)
    {
        _time = time;
        var o = options.Value;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (o.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r && IsTransient(r.StatusCode)),
                MaxRetryAttempts = o.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(o.RetryBaseDelayMilliseconds),
                MaxDelay = MaxRetryAfter,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
            });
        }

        builder.AddTimeout(TimeSpan.FromSeconds(o.RequestTimeoutSeconds));
        _pipeline = builder.Build();
    }

    /// <summary>True for the statuses worth repeating: 429 and every 5xx.</summary>
    public static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Buffer the body once so every attempt sends the same bytes.
        if (request.Content is { } content)
        {
            await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await _pipeline.ExecuteAsync(
                static (state, ct) => new ValueTask<HttpResponseMessage>(state.Handler.SendCore(state.Request, ct)),
                (Handler: this, Request: request),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new PlivoApiException(null, $"no answer within {ex.Timeout.TotalSeconds:0.#} s (a send may still have been queued)", inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PlivoApiException(null, ex.Message, inner: ex);
        }
    }

    private Task<HttpResponseMessage> SendCore(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - _time.GetUtcNow() : null);
        // Null lets Polly use its exponential backoff.
        return wait is { } w && w > TimeSpan.Zero ? (w < MaxRetryAfter ? w : MaxRetryAfter) : null;
    }
}
