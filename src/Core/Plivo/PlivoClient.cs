using System.Net;
using System.Net.Http.Headers;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Dashboard.Core.Plivo;

/// <summary>
/// Plivo's Message API over HTTP: Basic auth with the account's auth id and token, JSON in and out, Plivo's
/// error bodies, timeouts and lost connections turned into <see cref="PlivoApiException"/>. Retries and timeouts live in
/// <see cref="PlivoResilience"/>, beneath this client in the <see cref="HttpClient"/>'s handler chain.
/// </summary>
/// <remarks>
/// The base address is resolved per call (<see cref="PlivoAddresses.ApiBase"/>), because with the embedded
/// simulator it is this app's own address, known only once the server listens.
/// </remarks>
public sealed class PlivoClient(HttpClient http, PlivoAddresses addresses, IOptionsMonitor<PlivoOptions> options) : IPlivoClient
{
    /// <summary>Sent with every call, so Plivo (and its support) can tell our traffic apart.</summary>
    public static readonly string UserAgent =
        $"PlivoOpsDashboard/{typeof(PlivoClient).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"} (+dotnet)";

    /// <summary>Plivo's JSON: its own snake_case names (from the attributes), and absent values left out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Task<PlivoSendResponse> SendAsync(PlivoSendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, Json));
        body.Headers.ContentType = new MediaTypeHeaderValue(MediaTypeNames.Application.Json) { CharSet = Encoding.UTF8.WebName };
        return CallAsync<PlivoSendResponse>(HttpMethod.Post, "Message/", body, cancellationToken);
    }

    public async Task<PlivoMessage?> GetMessageAsync(string messageUuid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageUuid);
        try
        {
            return await CallAsync<PlivoMessage>(HttpMethod.Get, $"Message/{Segment(messageUuid)}/", null, cancellationToken).ConfigureAwait(false);
        }
        catch (PlivoApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<T> CallAsync<T>(HttpMethod method, string accountPath, HttpContent? content, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(o.AuthId) || string.IsNullOrWhiteSpace(o.AuthToken))
        {
            throw new InvalidOperationException("Plivo:AuthId and Plivo:AuthToken must be configured to call the Message API.");
        }

        var uri = new Uri(addresses.ApiBase, $"v1/Account/{Segment(o.AuthId)}/{accountPath}");
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.AuthId}:{o.AuthToken}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypeNames.Application.Json));

        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw ErrorOf(response.StatusCode, bytes);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Json)
                ?? throw new PlivoApiException(response.StatusCode, "the answer was empty");
        }
        catch (JsonException ex)
        {
            throw new PlivoApiException(response.StatusCode, $"the answer was not the JSON expected: {ex.Message}", inner: ex);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Reads Plivo's <c>{"api_id","error"}</c>; an error that is not a string (or not JSON at all) is quoted as is.</summary>
    internal static PlivoApiException ErrorOf(HttpStatusCode status, byte[] body)
    {
        string? apiId = null, error = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (json.RootElement.TryGetProperty("api_id", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    apiId = id.GetString();
                }

                if (json.RootElement.TryGetProperty("error", out var e))
                {
                    error = e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): quote the start of it below.
        }

        if (string.IsNullOrWhiteSpace(error))
        {
            var text = Encoding.UTF8.GetString(body).Trim();
            error = text.Length == 0 ? status.ToString() : text[..Math.Min(text.Length, 300)];
        }

        return new PlivoApiException(status, error, apiId);
    }

    private static string Segment(string value) => Uri.EscapeDataString(value.Trim());
}
