using Dashboard.Core.Messages;

namespace Dashboard.Core.Conversations;

/// <summary>The outcome of an agent's reply: sent (with the new message's UUID) or refused, and why.</summary>
public sealed record InboxReplyResult(string? MessageUuid, ReplyRefusal Refusal, string? Error)
{
    public bool Sent => MessageUuid is not null;

    public static InboxReplyResult NotFound { get; } = new(null, ReplyRefusal.None, "The conversation does not exist.");
}

/// <summary>
/// The inbox's commands: reply in a conversation (enforcing <see cref="ReplyPolicy"/> whatever the page
/// offered), and an agent's opt-out or opt-in of the contact through the single writer.
/// </summary>
public sealed class InboxReplies(InboxQueries queries, ReplyPolicy policy, IReplySender sender, MessageWriter writer, InboxSignals signals)
{
    /// <summary>The <see cref="OptOut.Reason"/> of an agent's opt-out, e.g. after a free-text request.</summary>
    public const string AgentOptOutReason = "agent: opt-out";

    public const string AgentOptInReason = "agent: opt-in";

    public async Task<InboxReplyResult> SendAsync(long conversationId, ReplyDraft draft, CancellationToken cancellationToken = default)
    {
        var detail = await queries.GetAsync(conversationId, cancellationToken);
        if (detail is null)
        {
            return InboxReplyResult.NotFound;
        }

        var verdict = policy.Check(detail.ReplyContext, draft);
        if (!verdict.IsAllowed)
        {
            return new(null, verdict.Refusal, verdict.Reason);
        }

        var conversation = detail.Conversation;
        var request = new ReplyRequest
        {
            From = conversation.OurNumber,
            To = conversation.ContactNumber,
            Type = conversation.Channel == ConversationChannel.WhatsApp ? MessageType.WhatsApp : MessageType.Sms,
            Text = draft.Kind == ReplyKind.Text ? draft.Text : null,
            Template = draft.Kind == ReplyKind.Template ? draft.Template : null,
        };
        var sent = await sender.SendAsync(request, cancellationToken);
        return sent.Sent ? new(sent.MessageUuid, ReplyRefusal.None, null) : new(null, ReplyRefusal.None, sent.Error);
    }

    /// <summary>Opts the conversation's contact out of our number (e.g. after a free-text "please stop texting me").</summary>
    public Task<bool> OptOutAsync(long conversationId, CancellationToken cancellationToken = default) =>
        SetOptOutAsync(conversationId, optedOut: true, AgentOptOutReason, cancellationToken);

    /// <summary>Opts the contact back in; for when they asked to be messaged again through another channel.</summary>
    public Task<bool> OptInAsync(long conversationId, CancellationToken cancellationToken = default) =>
        SetOptOutAsync(conversationId, optedOut: false, AgentOptInReason, cancellationToken);

    private async Task<bool> SetOptOutAsync(long conversationId, bool optedOut, string reason, CancellationToken cancellationToken)
    {
        var detail = await queries.GetAsync(conversationId, cancellationToken);
        if (detail is null)
        {
            return false;
        }

        await writer.WriteOptOutAsync(detail.Conversation.OurNumber, detail.Conversation.ContactNumber, optedOut, reason, cancellationToken);
        signals.Raise(conversationId);
        return true;
    }
}
