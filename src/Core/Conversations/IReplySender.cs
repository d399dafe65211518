using Dashboard.Core.Messages;

namespace Dashboard.Core.Conversations;

/// <summary>A reply the inbox has already checked against <see cref="ReplyPolicy"/>, ready for the send service.</summary>
public sealed record ReplyRequest
{
    /// <summary>Our number: the conversation's sender.</summary>
    public required string From { get; init; }

    public required string To { get; init; }

    /// <summary>SMS or WhatsApp (replies carry no media, so never MMS).</summary>
    public MessageType Type { get; init; }

    public string? Text { get; init; }

    public ReplyTemplate? Template { get; init; }
}

/// <summary>What the send service said: the new message's UUID (stored as queued), or why it did not send.</summary>
public sealed record ReplySendResult(string? MessageUuid, string? Error)
{
    public bool Sent => MessageUuid is not null && Error is null;
}

/// <summary>
/// The seam between the inbox and the send service (issue 3), which validates, estimates, calls Plivo and stores
/// the new message as queued. It is the inbox's only way out to Plivo.
/// </summary>
public interface IReplySender
{
    Task<ReplySendResult> SendAsync(ReplyRequest request, CancellationToken cancellationToken = default);
}

/// <summary>
/// The stand-in until the send service is merged: it refuses every reply with a clear reason rather than
/// pretending to send. Replace it by registering an <see cref="IReplySender"/> that calls <c>SendService</c>.
/// </summary>
public sealed class SendServiceNotAvailableReplySender : IReplySender
{
    public const string Reason = "Replies cannot be sent from this build yet: the send service is not wired to the inbox.";

    public Task<ReplySendResult> SendAsync(ReplyRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ReplySendResult(null, Reason));
}
