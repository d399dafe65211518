namespace Dashboard.Core.Sending;

/// <summary>Where a compose submission stands.</summary>
public enum SendSubmissionState
{
    /// <summary>Claimed: its send is on its way, or the app stopped before it learned Plivo's answer.</summary>
    Pending = 0,

    /// <summary>Plivo queued it; <see cref="SendSubmission.Result"/> holds what Plivo answered.</summary>
    Sent = 1,

    /// <summary>Plivo did not answer in time: it may or may not have queued the message.</summary>
    Uncertain = 2,
}

/// <summary>
/// One compose form submission's key, remembered so the same submission is never sent twice (see
/// <see cref="SendSubmissions"/>). Written only by the single writer; forgotten after <see cref="Retention"/>.
/// </summary>
public sealed class SendSubmission
{
    /// <summary>
    /// How long a key is remembered: a day covers a double click, a retry after a timeout and a form left open
    /// overnight, and keeps the table to a day of sends.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public const int MaxKey = 64;

    public required string Key { get; set; }

    public SendSubmissionState State { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>For a sent submission: Plivo's answer (its api_id, the messages, the numbers it did not take), as JSON.</summary>
    public string? Result { get; set; }

    /// <summary>For an uncertain one: what went wrong, as the first attempt was told.</summary>
    public string? Error { get; set; }
}
