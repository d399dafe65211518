using Dashboard.Core.Webhooks;

namespace Dashboard.BrowserTests.Infrastructure;

/// <summary>Posts webhooks to the running app as Plivo does: form-encoded and V3-signed.</summary>
public static class Webhooks
{
    public static async Task PostAsync(AppProcess app, string path, IEnumerable<KeyValuePair<string, string>> form)
    {
        var pairs = form.ToList();
        var url = new Uri(app.BaseUrl, path);
        var nonce = Guid.NewGuid().ToString("n");
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(pairs) };
        request.Headers.Add(WebhookSignatureVerifier.V3Header, PlivoSignature.ComputeV3(AppProcess.AuthToken, "POST", url, pairs, nonce));
        request.Headers.Add(WebhookSignatureVerifier.V3NonceHeader, nonce);
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public static List<KeyValuePair<string, string>> Status(string uuid, string status, int sequence, string? errorCode = null, string to = "14155550123") =>
    [
        new("MessageUUID", uuid), new("To", to), new("From", "14155550100"), new("Type", "sms"), new("Status", status),
        new("Units", "1"), new("TotalRate", "0.00650"), new("TotalAmount", "0.00650"), new("MCC", "310"), new("MNC", "410"),
        new("ErrorCode", errorCode ?? ""), new("Sequence", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("MessageTime", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public static List<KeyValuePair<string, string>> Inbound(string uuid, string text, string from = "14155550177", string type = "sms") =>
    [
        new("MessageUUID", uuid), new("From", from), new("To", "14155550100"), new("Text", text), new("Type", type),
        new("Units", "1"), new("TotalRate", "0.00000"), new("TotalAmount", "0.00000"),
    ];
}
