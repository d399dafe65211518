using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Incidents;

/// <summary>
/// The outgoing webhook told of every incident change (<c>Incidents:Webhook</c>): off until a URL is set. The body is
/// signed with HMAC-SHA256 over the timestamp header, a dot and the body (<see cref="IncidentWebhook"/>).
/// </summary>
public sealed class IncidentWebhookOptions
{
    public const string SectionName = "Incidents:Webhook";

    /// <summary>Where changes are posted (http or https); empty for no webhook.</summary>
    [Url]
    public string? Url { get; set; }

    /// <summary>The shared secret the receiver checks the signature with; at least 16 characters when a URL is set.</summary>
    public string? Secret { get; set; }

    /// <summary>Retries after the first attempt, for no answer, a timeout, 408, 429 or 5xx; a 4xx is not retried.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first retry's delay; each further one doubles it (with jitter): 2, 4, 8, 16 s by default.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one attempt may wait for the answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Url);

    public bool SecretIsValid() => !IsEnabled || Secret is { Length: >= 16 };

    public const string SecretProblem = "Incidents:Webhook:Secret must have at least 16 characters when Incidents:Webhook:Url is set.";
}
