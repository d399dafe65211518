using System.Globalization;
using System.Net;
using Dashboard.Core.Webhooks;

namespace Dashboard.Bench.Latency;

/// <summary>Posts a V3-signed status callback for a new message, as Plivo does (form body), and records its 200.</summary>
public sealed class CallbackSender(Uri baseUrl, string authToken, ProbeLog log)
{
    private readonly Uri _url = new(baseUrl, "/plivo/status");
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task PostAsync(Probe probe, CancellationToken cancellationToken)
    {
        // MessageTime is now, later than the load generator's yesterday 10:00, so the probe sorts to the top
        // of the newest-first log whatever the load (see bench/latency.sh).
        List<KeyValuePair<string, string>> form =
        [
            new("MessageUUID", probe.Uuid), new("To", "14155550123"), new("From", "14155550100"), new("Type", "sms"),
            new("Status", "queued"), new("Units", "1"), new("TotalRate", "0.00650"), new("TotalAmount", "0.00650"),
            new("MCC", "310"), new("MNC", "410"), new("ErrorCode", ""), new("Sequence", "1"),
            new("MessageTime", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)),
        ];
        var nonce = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(WebhookSignatureVerifier.V3Header, PlivoSignature.ComputeV3(authToken, "POST", _url, form, nonce));
        request.Headers.Add(WebhookSignatureVerifier.V3NonceHeader, nonce);
        probe.PostStarted = log.Clock.Now();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var at = log.Clock.Now();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                probe.Acknowledged = at;
            }
            else
            {
                probe.Error = "HTTP " + (int)response.StatusCode;
            }
        }
        catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            probe.Error = ex.GetType().Name;
        }
    }
}
