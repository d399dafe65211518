using System.Security.Cryptography;
using Dashboard.Core.Plivo;
using Dashboard.Core.Webhooks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Simulator;

/// <summary>What came of delivering one webhook: whether any attempt got a 2xx, and that answer's body.</summary>
public sealed record CallbackDelivery(bool Delivered, int Attempts, string? Body);

/// <summary>
/// Calls webhooks the way Plivo does: form fields for POST or query parameters for GET, signed with V3 (the
/// account's token in <c>X-Plivo-Signature-V3</c>, the main account's in <c>-Ma-V3</c>), waiting 8 s for an
/// answer and retrying a failure after 60, 120 and 240 s (docs/plivo/status-callbacks.md), scaled by the simulator's speed.
/// </summary>
public sealed partial class SimulatorCallbacks(
    IHttpClientFactory httpFactory,
    IOptionsMonitor<PlivoOptions> plivo,
    IOptionsMonitor<SimulatorOptions> options,
    TimeProvider time,
    ILogger<SimulatorCallbacks> logger)
{
    public const string HttpClientName = "PlivoSimulator";

    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(240)];

    public async Task<CallbackDelivery> DeliverAsync(
        Uri url, string? method, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var isGet = string.Equals(method?.Trim(), "GET", StringComparison.OrdinalIgnoreCase);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var request = BuildRequest(url, isGet, parameters);
                using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return new CallbackDelivery(true, attempt + 1, body);
                }

                LogRejected(logger, url, (int)response.StatusCode, attempt + 1);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogUnreachable(logger, url, ex.Message, attempt + 1);
            }

            if (attempt >= RetryDelays.Length)
            {
                return new CallbackDelivery(false, attempt + 1, null);
            }

            await Task.Delay(RetryDelays[attempt] * options.CurrentValue.TimeScale, time, cancellationToken);
        }
    }

    private HttpRequestMessage BuildRequest(Uri url, bool isGet, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var o = plivo.CurrentValue;
        var nonce = Nonce();
        HttpRequestMessage request;
        string signature, mainSignature;
        if (isGet)
        {
            // The parameters travel in the query, so they are part of the signed URL.
            var target = new Uri(QueryHelpers.AddQueryString(url.ToString(), parameters.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))));
            request = new HttpRequestMessage(HttpMethod.Get, target);
            signature = Sign(o.AuthToken, "GET", target, [], nonce);
            mainSignature = Sign(o.EffectiveMainAccountToken, "GET", target, [], nonce);
        }
        else
        {
            request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(parameters) };
            signature = Sign(o.AuthToken, "POST", url, parameters, nonce);
            mainSignature = Sign(o.EffectiveMainAccountToken, "POST", url, parameters, nonce);
        }

        if (signature.Length > 0)
        {
            request.Headers.Add(WebhookSignatureVerifier.V3Header, signature);
            request.Headers.Add(WebhookSignatureVerifier.MaV3Header, mainSignature);
            request.Headers.Add(WebhookSignatureVerifier.V3NonceHeader, nonce);
        }

        return request;
    }

    private static string Sign(string token, string method, Uri url, IReadOnlyList<KeyValuePair<string, string>> parameters, string nonce) =>
        string.IsNullOrEmpty(token) ? "" : PlivoSignature.ComputeV3(token, method, url, parameters, nonce);

    /// <summary>20 random digits, like Plivo's nonces.</summary>
    private static string Nonce() => string.Concat(Enumerable.Range(0, 20).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated webhook to {Url} was answered {Status} (attempt {Attempt})")]
    private static partial void LogRejected(ILogger logger, Uri url, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated webhook to {Url} failed: {Error} (attempt {Attempt})")]
    private static partial void LogUnreachable(ILogger logger, Uri url, string error, int attempt);
}
