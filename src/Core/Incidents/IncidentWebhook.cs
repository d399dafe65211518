using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Dashboard.Core.Incidents;

/// <summary>The body posted for one incident change (snake_case, as Plivo's own payloads are).</summary>
public sealed record IncidentWebhookBody(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("incident_id")] long IncidentId,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("error_code")] string ErrorCode,
    [property: JsonPropertyName("error_name")] string ErrorName,
    [property: JsonPropertyName("dimension")] string Dimension,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("started_at")] DateTime StartedAt,
    [property: JsonPropertyName("ended_at")] DateTime? EndedAt,
    [property: JsonPropertyName("failures")] long Failures,
    [property: JsonPropertyName("wasted_amount")] string WastedAmount,
    [property: JsonPropertyName("baseline_per_minute")] double BaselinePerMinute,
    [property: JsonPropertyName("peak_per_minute")] double PeakPerMinute);

/// <summary>
/// Posts every incident state change (opened, acknowledged, resolved, closed) to <see cref="IncidentWebhookOptions.Url"/>
/// as JSON, with <see cref="TimestampHeader"/> (Unix seconds) and <see cref="SignatureHeader"/>
/// (<c>sha256=</c> and the hex HMAC-SHA256, keyed with the secret, of the timestamp, a dot and the body), so the
/// receiver can check who sent it and refuse old replays. Retries (no answer, a timeout, 408, 429, 5xx) are the
/// HTTP client's resilience pipeline's, with exponential backoff; how each change ended is kept and shown on the page.
/// Changes are posted one at a time, in order, by this instance (the one that made them).
/// </summary>
public sealed partial class IncidentWebhook : BackgroundService
{
    public const string HttpClientName = "incident-webhook";
    public const string TimestampHeader = "X-Incident-Timestamp";
    public const string SignatureHeader = "X-Incident-Signature";

    /// <summary>How many retries an attempt took, set by the pipeline's OnRetry on the request's context.</summary>
    private static readonly ResiliencePropertyKey<int> RetriesKey = new("incident-webhook.retries");

    private readonly IncidentStore _store;
    private readonly IHttpClientFactory _http;
    private readonly IOptions<IncidentWebhookOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<IncidentWebhook> _logger;

    /// <summary>
    /// This instance's incident state changes (another instance posts its own), subscribed at construction so none
    /// stored before the service starts is missed; none when the webhook is off.
    /// </summary>
    private readonly LiveSubscription? _changes;

    public IncidentWebhook(IncidentStore store, LiveFeed feed, IHttpClientFactory http, IOptions<IncidentWebhookOptions> options,
        TimeProvider time, ILogger<IncidentWebhook> logger)
    {
        (_store, _http, _options, _time, _logger) = (store, http, options, time, logger);
        if (options.Value.IsEnabled)
        {
            _changes = feed.Subscribe(capacity: 1_000, thisInstanceOnly: true, accepts: c => c is IncidentChange { IsStateChange: true });
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_changes is null)
        {
            return;
        }

        await foreach (var change in _changes.Reader.ReadAllAsync(stoppingToken))
        {
            var incident = (IncidentChange)change;
            try
            {
                await DeliverAsync(incident, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogDeliveryFailed(_logger, ex, incident.IncidentId);
            }
        }
    }

    public override void Dispose()
    {
        _changes?.Dispose();
        base.Dispose();
    }

    /// <summary>Posts one change (with its retries) and keeps how it ended; returns that record.</summary>
    public async Task<IncidentWebhookDelivery?> DeliverAsync(IncidentChange change, CancellationToken cancellationToken = default)
    {
        var o = _options.Value;
        if (!o.IsEnabled || change.Event is not { } kind || await _store.FindAsync(change.IncidentId, cancellationToken) is not { } incident)
        {
            return null;
        }

        var eventName = kind.Name();
        var body = JsonSerializer.Serialize(BodyOf(incident, eventName));
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, o.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, Sign(o.Secret!, timestamp, body));

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        request.SetResilienceContext(context);
        var delivery = new IncidentWebhookDelivery { IncidentId = incident.Id, Event = eventName };
        try
        {
            using var response = await _http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            delivery.StatusCode = (int)response.StatusCode;
            delivery.Delivered = response.IsSuccessStatusCode;
            delivery.Error = response.IsSuccessStatusCode ? null : $"answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            delivery.Error = ex is TimeoutRejectedException ? $"no answer within {o.AttemptTimeout.TotalSeconds:0.###} s" : ex.Message;
        }
        finally
        {
            delivery.Attempts = 1 + (context.Properties.TryGetValue(RetriesKey, out var retries) ? retries : 0);
            ResilienceContextPool.Shared.Return(context);
        }

        delivery.At = _time.GetUtcNow().UtcDateTime;
        if (delivery.Error is { Length: > IncidentWebhookDelivery.MaxError } error)
        {
            delivery.Error = error[..IncidentWebhookDelivery.MaxError];
        }

        await _store.RecordDeliveryAsync(delivery, CancellationToken.None);
        if (!delivery.Delivered)
        {
            LogNotDelivered(_logger, incident.Id, eventName, delivery.Attempts, delivery.Error ?? "");
        }

        return delivery;
    }

    private static IncidentWebhookBody BodyOf(Incident incident, string eventName) => new(
        eventName, incident.Id, incident.State.ToString().ToLowerInvariant(), incident.ErrorCode, PlivoErrorCodes.Describe(incident.ErrorCode).Name,
        incident.Dimension.ToString().ToLowerInvariant(), incident.KeyValue, incident.StartedAt, incident.EndedAt, incident.Failures,
        PlivoAmount.Format(incident.WastedAmount), incident.BaselinePerMinute, incident.PeakPerMinute);

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256, keyed with <paramref name="secret"/>, of "timestamp.body".</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <summary>The webhook's HTTP client: per-attempt timeout inside exponential retries, on the app's clock.</summary>
    internal static void AddClient(IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler(HttpClientName, static (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<IncidentWebhookOptions>>().Value;
                pipeline.TimeProvider = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
                if (o.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = o.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = o.RetryDelay,
                        OnRetry = args =>
                        {
                            args.Context.Properties.Set(RetriesKey, args.Context.Properties.GetValue(RetriesKey, 0) + 1);
                            return default;
                        },
                    });
                }

                pipeline.AddTimeout(o.AttemptTimeout);
            });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The incident webhook was not delivered: incident {Id} {Event} after {Attempts} attempts: {Error}")]
    private static partial void LogNotDelivered(ILogger logger, long id, string @event, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Posting the incident webhook for incident {Id} failed")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, long id);
}
